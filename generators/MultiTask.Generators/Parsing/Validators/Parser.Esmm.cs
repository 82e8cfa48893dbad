using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using MultiTask.Generators.Diagnostics;
using MultiTask.Generators.Emit;
using MultiTask.Generators.Model;

namespace MultiTask.Generators.Parsing
{
    /// <summary>The validator of <c>[Esmm]</c> on the class: two different binary heads of the model, one shared input (MTL0054-MTL0058).</summary>
    internal static partial class Parser
    {
        private const string EsmmAttributeName = "EsmmAttribute";

        /// <summary>The pair <c>[Esmm]</c> names; null without the attribute or when a check fails.</summary>
        private static EsmmInfo? ReadEsmm(INamedTypeSymbol type, bool inputPerTask, List<Component> heads, ParseState state, CancellationToken cancellationToken)
        {
            AttributeData? attribute = type.GetAttributes().FirstOrDefault(a => HasFullName(a.AttributeClass, EsmmAttributeName));
            if (attribute is null)
            {
                return null;
            }

            var reader = new AttributeReader(attribute, cancellationToken);
            state.HasCompilerErrors |= reader.HasCompilerErrors;
            if (reader.HasCompilerErrors)
            {
                return null;
            }

            if (inputPerTask)
            {
                state.Report(DiagnosticDescriptors.EsmmInputPerTask, reader.AttributeLocation, type.Name);
            }

            Component? click = ReadEsmmHead(type.Name, "Click", heads, reader, state);
            Component? conversion = ReadEsmmHead(type.Name, "Conversion", heads, reader, state);
            if (click is null || conversion is null)
            {
                return null;
            }

            if (click == conversion)
            {
                state.Report(DiagnosticDescriptors.EsmmSameHead, reader.ArgumentLocation("Conversion"), type.Name, click.Name);
                return null;
            }

            if (conversion.Head!.Task is BinaryTaskInfo { PositiveWeight: { } positiveWeight })
            {
                state.Report(DiagnosticDescriptors.EsmmConversionPositiveWeight, conversion.AttributeLocation, conversion.Name, Literals.Number(positiveWeight));
            }

            return inputPerTask ? null : new EsmmInfo(click.Name, conversion.Name);
        }

        /// <summary>The binary head <paramref name="argument"/> names; null after MTL0054 or MTL0055.</summary>
        private static Component? ReadEsmmHead(string model, string argument, List<Component> heads, AttributeReader reader, ParseState state)
        {
            string name = reader.String(argument) ?? string.Empty;
            Component? head = heads.FirstOrDefault(h => h.Name == name);
            if (head is null && state.SkippedComponent)
            {
                // The head may be the member that already has its own error; naming it again would only repeat that.
                return null;
            }

            if (head is null)
            {
                string given = reader.ArgumentText(argument) is null ? "is not set" : name.Length == 0 ? "is empty" : $"= \"{name}\" names no head";
                string known = heads.Count == 0 ? "none" : string.Join(", ", heads.Select(h => h.Name));
                state.Report(DiagnosticDescriptors.EsmmHeadNotFound, reader.ArgumentLocation(argument), model, argument, given, known);
                return null;
            }

            if (head.Head!.Task is not BinaryTaskInfo)
            {
                state.Report(DiagnosticDescriptors.EsmmHeadNotBinary, reader.ArgumentLocation(argument), model, argument, head.Name, head.Attribute);
                return null;
            }

            return head;
        }
    }
}
