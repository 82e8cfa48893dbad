using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using MultiTask.Generators.Diagnostics;
using MultiTask.Generators.Emit;
using MultiTask.Generators.Model;

namespace MultiTask.Generators.Parsing
{
    /// <summary>The sharing strategies beside the MLP trunk: soft sharing, the autoencoder trunk, MMoE and PLE.</summary>
    internal static partial class Parser
    {
        private const double DefaultLambda = 1e-3;

        private static SoftSharing? ReadSoftSharing(INamedTypeSymbol type, ParseState state, CancellationToken cancellationToken)
        {
            foreach (AttributeData attribute in type.GetAttributes())
            {
                if (HasFullName(attribute.AttributeClass, "SoftSharingAttribute"))
                {
                    var reader = new AttributeReader(attribute, cancellationToken);
                    double lambda = ReadNonNegative(type.Name, "Lambda", reader, state) ?? DefaultLambda;
                    state.HasCompilerErrors |= reader.HasCompilerErrors;
                    return new SoftSharing(lambda, reader.AttributeLocation);
                }
            }

            return null;
        }

        /// <summary>MTL0021 to MTL0023: no shared component, two or more heads, each with a tower of the same widths.</summary>
        private static void CheckSoftSharing(string model, SoftSharing softSharing, Component? trunk, List<Component> heads, ParseState state)
        {
            if (trunk is not null)
            {
                state.Report(DiagnosticDescriptors.SoftSharingNotApplicable, softSharing.Location, model,
                    $"and the shared component '{trunk.Name}'; soft sharing gives every task its own tower from the input, so remove one of them");
            }

            if (heads.Count == 1)
            {
                state.Report(DiagnosticDescriptors.SoftSharingNotApplicable, softSharing.Location, model,
                    "but only one head; soft sharing pulls the towers of two or more heads together");
            }

            Component? reference = null;
            foreach (Component component in heads)
            {
                HeadInfo head = component.Head!;
                if (head.Module is not null)
                {
                    state.Report(DiagnosticDescriptors.SoftSharingNeedsTower, component.ModuleLocation, head.Name, "is a custom module, which has no tower");
                }
                else if (head.Hidden.IsEmpty)
                {
                    state.Report(DiagnosticDescriptors.SoftSharingNeedsTower, component.AttributeLocation, head.Name, "has no tower (Hidden)");
                }
                else if (reference is null)
                {
                    reference = component;
                }
                else if (!head.Hidden.Equals(reference.Head!.Hidden))
                {
                    state.Report(DiagnosticDescriptors.SoftSharingTowersDiffer, component.HiddenLocation, head.Name, Widths(head.Hidden), reference.Name, Widths(reference.Head.Hidden));
                }
            }
        }

        private static AutoencoderTrunkInfo ReadAutoencoder(string name, string accessibility, AttributeReader reader, ParseState state)
        {
            // Two spellings: [AutoencoderTrunk(latent, hidden...)] and [AutoencoderTrunk(Latent = n, Hidden = new[] { ... })].
            bool positional = reader.ConstructorArgumentCount == 2;
            int? latent = positional ? reader.ConstructorInt(0) : null;
            ImmutableArray<int> hidden = (positional ? reader.ConstructorIntArray(1) : null) ?? ImmutableArray<int>.Empty;
            if (positional)
            {
                RejectArguments(name, reader, state, "it is already given to the constructor", "Latent", "Hidden");
            }
            else
            {
                latent = reader.Int("Latent");
                hidden = reader.IntArray("Hidden") ?? ImmutableArray<int>.Empty;
            }

            if (latent is null)
            {
                ReportMissing(name, "Latent", "declare the width of the latent code, e.g. [AutoencoderTrunk(8, 32)]", reader, state);
            }
            else
            {
                CheckWidth(name, "Latent", latent.Value, positional ? reader.PositionalLocation(0) : reader.ArgumentLocation("Latent"), "the latent code", state);
            }

            CheckWidths(name, "Hidden", hidden, i => positional ? reader.ParamsElementLocation(1, i) : reader.ElementLocation("Hidden", i), state);

            string activation = ReadActivation(name, reader, state);
            double dropout = ReadDropout(name, reader, state);
            double reconstructionWeight = ReadNonNegative(name, "ReconstructionWeight", reader, state) ?? 1;
            double? weightDecay = ReadNonNegative(name, "WeightDecay", reader, state);
            return new AutoencoderTrunkInfo(name, accessibility, weightDecay, latent ?? 0, hidden.ToEquatableArray(), activation, dropout, reconstructionWeight);
        }

        private static MixtureOfExpertsInfo ReadMixtureOfExperts(string name, string accessibility, AttributeReader reader, ParseState state)
        {
            int experts = ReadCount(name, "Experts", 1, "a mixture needs at least 1 expert, e.g. [MixtureOfExperts(Experts = 4, Hidden = new[] { 32 })]", reader, state);
            ImmutableArray<int> hidden = ReadExpertWidths(name, reader, state);
            string activation = ReadActivation(name, reader, state);
            double? weightDecay = ReadNonNegative(name, "WeightDecay", reader, state);
            return new MixtureOfExpertsInfo(name, accessibility, weightDecay, experts, hidden.ToEquatableArray(), activation);
        }

        private static ExtractionInfo ReadExtraction(string name, string accessibility, AttributeReader reader, ParseState state)
        {
            int sharedExperts = ReadCount(name, "SharedExperts", 1, "every level needs at least 1 shared expert, e.g. SharedExperts = 2", reader, state);
            int taskExperts = reader.Int("TaskExperts") ?? 0;
            if (taskExperts < 0)
            {
                state.Report(DiagnosticDescriptors.InvalidArgument, reader.ArgumentLocation("TaskExperts"), name, "TaskExperts", Literals.Number(taskExperts), "expected 0 or more experts of each task's own");
            }

            ImmutableArray<int> hidden = ReadExpertWidths(name, reader, state);
            int levels = reader.Int("Levels") ?? 1;
            if (levels < 1)
            {
                state.Report(DiagnosticDescriptors.InvalidArgument, reader.ArgumentLocation("Levels"), name, "Levels", Literals.Number(levels), "expected at least 1 level (1 is CGC)");
            }

            string activation = ReadActivation(name, reader, state);
            double? weightDecay = ReadNonNegative(name, "WeightDecay", reader, state);
            return new ExtractionInfo(name, accessibility, weightDecay, sharedExperts, taskExperts, hidden.ToEquatableArray(), levels, activation);
        }

        /// <summary>The experts' <c>Hidden</c> widths: at least one, all positive.</summary>
        private static ImmutableArray<int> ReadExpertWidths(string name, AttributeReader reader, ParseState state)
        {
            ImmutableArray<int> hidden = reader.IntArray("Hidden") ?? ImmutableArray<int>.Empty;
            if (hidden.IsEmpty && !reader.HasCompilerErrors)
            {
                state.Report(DiagnosticDescriptors.MissingArgument, reader.ArgumentLocation("Hidden"), name, "Hidden", "experts need at least one layer width, e.g. Hidden = new[] { 32 }");
            }

            CheckWidths(name, "Hidden", hidden, i => reader.ElementLocation("Hidden", i), state);

            return hidden;
        }

        private static string Widths(EquatableArray<int> widths) => "[" + string.Join(", ", widths.Select(Literals.Number)) + "]";

        /// <summary>The model's <c>[SoftSharing]</c>: its lambda and where it is written.</summary>
        private sealed record SoftSharing(double Lambda, LocationInfo? Location);
    }
}
