using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using MultiTask.Generators.Diagnostics;
using MultiTask.Generators.Model;

namespace MultiTask.Generators.Parsing
{
    /// <summary>MTL0017: a trunk, shared-component or head attribute on a property of a type that is not a model.</summary>
    internal static partial class Parser
    {
        /// <summary>
        /// The attributes that declare a shared component or a head (the abstract HeadAttribute is never applied itself), by
        /// metadata name: one <c>ForAttributeWithMetadataName</c> provider each.
        /// </summary>
        public static string[] ComponentAttributeNames => ComponentKinds.Select(c => "MultiTask." + c.Attribute).ToArray();

        /// <summary>
        /// MTL0017 for a trunk or head attribute on a property of a type without <c>[MultiTaskModel]</c>: nothing would implement
        /// the property. Null when the type is a model (its parser reports everything else).
        /// </summary>
        public static OutsideModelResult? ParseComponentOutsideModel(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not IPropertySymbol { ContainingType: { } type } property || context.Attributes.IsEmpty)
            {
                return null;
            }

            foreach (AttributeData attribute in type.GetAttributes())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (HasFullName(attribute.AttributeClass, "MultiTaskModelAttribute"))
                {
                    return null;
                }
            }

            AttributeData first = context.Attributes[0];
            DiagnosticInfo diagnostic = DiagnosticInfo.Create(
                DiagnosticDescriptors.ComponentOutsideModel,
                new AttributeReader(first, cancellationToken).AttributeLocation ?? LocationInfo.From(property.Locations.FirstOrDefault()),
                property.Name,
                DisplayName(first.AttributeClass),
                type.ToDisplayString());
            return new OutsideModelResult(diagnostic) { Stub = GetOutsideModelStub(property, first, cancellationToken) };
        }
    }
}
