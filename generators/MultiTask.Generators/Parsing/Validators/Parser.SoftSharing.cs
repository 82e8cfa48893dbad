using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using MultiTask.Generators.Diagnostics;
using MultiTask.Generators.Emit;
using MultiTask.Generators.Model;

namespace MultiTask.Generators.Parsing
{
    /// <summary>The validator of <c>[SoftSharing]</c>: its lambda, no shared component, two or more heads with towers of the same widths (MTL0021 to MTL0023).</summary>
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
                    state.Report(DiagnosticDescriptors.SoftSharingTowersDiffer, component.HiddenLocation, head.Name, Emitter.IntList(head.Hidden), reference.Name, Emitter.IntList(reference.Head.Hidden));
                }
            }
        }

        /// <summary>The model's <c>[SoftSharing]</c>: its lambda and where it is written.</summary>
        private sealed record SoftSharing(double Lambda, LocationInfo? Location);
    }
}
