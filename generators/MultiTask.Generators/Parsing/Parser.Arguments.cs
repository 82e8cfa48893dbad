using System;
using System.Collections.Immutable;
using MultiTask.Generators.Diagnostics;
using MultiTask.Generators.Emit;
using MultiTask.Generators.Model;

namespace MultiTask.Generators.Parsing
{
    /// <summary>
    /// The argument checks every component's validator shares: widths (MTL0050), required arguments (MTL0051), arguments that
    /// do not apply (MTL0052), enum values (MTL0053) and the common ranges (MTL0005).
    /// </summary>
    internal static partial class Parser
    {
        /// <summary>MTL0050 for each of <paramref name="widths"/> that is not positive, at its element (<paramref name="elementLocation"/>).</summary>
        private static void CheckWidths(string name, string argument, ImmutableArray<int> widths, Func<int, LocationInfo?> elementLocation, ParseState state)
        {
            for (int i = 0; i < widths.Length; i++)
            {
                CheckWidth(name, $"{argument}[{i}]", widths[i], elementLocation(i), "every layer", state);
            }
        }

        /// <summary>MTL0050 when <paramref name="width"/>, the width of <paramref name="what"/>, is not positive.</summary>
        private static void CheckWidth(string name, string argument, int width, LocationInfo? location, string what, ParseState state)
        {
            if (width <= 0)
            {
                state.Report(DiagnosticDescriptors.NonPositiveWidth, location, name, argument, Literals.Number(width), what);
            }
        }

        /// <summary>A block's <c>Hidden</c> widths: at least one (MTL0051 with <paramref name="advice"/>), all positive (MTL0050).</summary>
        private static ImmutableArray<int> ReadLayerWidths(string name, string advice, AttributeReader reader, ParseState state)
        {
            ImmutableArray<int> hidden = reader.IntArray("Hidden") ?? ImmutableArray<int>.Empty;
            if (hidden.IsEmpty && !reader.HasCompilerErrors)
            {
                state.Report(DiagnosticDescriptors.MissingArgument, reader.ArgumentLocation("Hidden"), name, "Hidden", advice);
            }

            CheckWidths(name, "Hidden", hidden, i => reader.ElementLocation("Hidden", i), state);
            return hidden;
        }

        /// <summary>MTL0051 at the attribute, unless the compiler already rejects one of its arguments.</summary>
        private static void ReportMissing(string name, string argument, string advice, AttributeReader reader, ParseState state)
        {
            if (!reader.HasCompilerErrors)
            {
                state.Report(DiagnosticDescriptors.MissingArgument, reader.AttributeLocation, name, argument, advice);
            }
        }

        /// <summary>MTL0052 for each of <paramref name="arguments"/> that is written, with <paramref name="reason"/>.</summary>
        private static void RejectArguments(string name, AttributeReader reader, ParseState state, string reason, params string[] arguments)
        {
            foreach (string argument in arguments)
            {
                if (reader.ArgumentText(argument) is { } text)
                {
                    state.Report(DiagnosticDescriptors.ArgumentNotApplicable, reader.ArgumentLocation(argument), name, argument, text, reason);
                }
            }
        }

        /// <summary>The enum member <paramref name="argument"/> names, <paramref name="unset"/> when it is not written, null (MTL0053) when it is no declared member.</summary>
        private static string? ReadEnum(string name, string argument, string unset, AttributeReader reader, ParseState state)
        {
            EnumValue? value = reader.Enum(argument);
            if (value is null)
            {
                return unset;
            }

            if (value.Name is null)
            {
                state.Report(DiagnosticDescriptors.UndeclaredEnumValue, reader.ArgumentLocation(argument), name, argument, Literals.Number(value.Number), value.Members);
            }

            return value.Name;
        }

        private static string ReadActivation(string name, AttributeReader reader, ParseState state)
            => ReadEnum(name, "Activation", "ReLU", reader, state) ?? "ReLU";

        private static double ReadDropout(string name, AttributeReader reader, ParseState state)
        {
            double dropout = reader.Double("Dropout") ?? 0;
            if (!(IsFinite(dropout) && dropout >= 0 && dropout < 1))
            {
                state.Report(DiagnosticDescriptors.InvalidArgument, reader.ArgumentLocation("Dropout"), name, "Dropout", Literals.Number(dropout), "expected a probability in [0, 1)");
            }

            return dropout;
        }

        /// <summary>A double that must be finite and not negative; null when the attribute does not set it.</summary>
        private static double? ReadNonNegative(string name, string argument, AttributeReader reader, ParseState state)
        {
            double? value = reader.Double(argument);
            if (value is { } number && !(IsFinite(number) && number >= 0))
            {
                state.Report(DiagnosticDescriptors.InvalidArgument, reader.ArgumentLocation(argument), name, argument, Literals.Number(number), "expected a finite number >= 0");
            }

            return value;
        }

        /// <summary>A count that must be at least <paramref name="minimum"/>; unset is MTL0051 with <paramref name="advice"/>.</summary>
        private static int ReadCount(string name, string argument, int minimum, string advice, AttributeReader reader, ParseState state)
        {
            int? count = reader.Int(argument);
            if (count is null)
            {
                ReportMissing(name, argument, advice, reader, state);
            }
            else if (count < minimum)
            {
                state.Report(DiagnosticDescriptors.InvalidArgument, reader.ArgumentLocation(argument), name, argument, Literals.Number(count.Value), $"expected at least {Literals.Number(minimum)}");
            }

            return count ?? 0;
        }
    }
}
