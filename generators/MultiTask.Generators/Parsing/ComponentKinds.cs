using Microsoft.CodeAnalysis;
using MultiTask.Generators.Model;

namespace MultiTask.Generators.Parsing
{
    /// <summary>
    /// The trunk, head and input field attributes the declaration reader knows, each with its validator (<c>Validators/</c>):
    /// a new component is one row here, its validator and its plan (<c>Plans/</c>; a field kind's is a <c>FieldPlan</c>).
    /// </summary>
    internal static partial class Parser
    {
        private static readonly ComponentKind[] ComponentKinds =
        [
            new("SharedTrunkAttribute", "Trunk", ModuleArgument.Constructor, ReadTrunk, null),
            new("AutoencoderTrunkAttribute", "AutoencoderTrunk", ModuleArgument.None, ReadAutoencoder, null),
            new("MixtureOfExpertsAttribute", "MixtureOfExperts", ModuleArgument.None, ReadMixtureOfExperts, null),
            new("ProgressiveLayeredExtractionAttribute", "ProgressiveLayeredExtraction", ModuleArgument.None, ReadExtraction, null),
            new("CrossStitchAttribute", "CrossStitchNetwork", ModuleArgument.None, ReadCrossStitch, null),
            new("ClassificationHeadAttribute", "Head", ModuleArgument.Named, null, ReadClassification),
            new("BinaryHeadAttribute", "Head", ModuleArgument.Named, null, ReadBinary),
            new("RegressionHeadAttribute", "Head", ModuleArgument.Named, null, ReadRegression),
            new("DenseAttribute", "DenseInput", ModuleArgument.None, null, null, ReadDenseField),
            new("CategoricalAttribute", "CategoricalEmbedding", ModuleArgument.None, null, null, ReadCategoricalField),
            new("TokenSequenceAttribute", "TextEncoder", ModuleArgument.None, null, null, ReadTokenSequenceField),
            new("ImageAttribute", "ConvolutionalTrunk", ModuleArgument.None, null, null, ReadImageField),
        ];

        /// <summary>The kind of component <paramref name="attributeClass"/> declares; null for any other attribute.</summary>
        private static ComponentKind? Classify(INamedTypeSymbol? attributeClass)
        {
            if (attributeClass is null || attributeClass.TypeKind == TypeKind.Error)
            {
                return null;
            }

            foreach (ComponentKind kind in ComponentKinds)
            {
                if (HasFullName(attributeClass, kind.Attribute))
                {
                    return kind;
                }
            }

            return null;
        }

        /// <summary>Validates a shared component's attribute and reads it (a custom trunk's module already checked).</summary>
        private delegate TrunkInfo SharedValidator(string name, string accessibility, ModuleTypeInfo? module, AttributeReader reader, ParseState state);

        /// <summary>Validates a head attribute's task-specific arguments and reads the task.</summary>
        private delegate TaskInfo TaskValidator(string name, AttributeReader reader, ParseState state);

        /// <summary>Validates an input field's attribute and reads the field (a shared table is resolved later, MTL0063).</summary>
        private delegate FieldInfo FieldValidator(string name, string accessibility, AttributeReader reader, ParseState state);

        /// <summary>One trunk, head or input field attribute.</summary>
        /// <param name="Attribute">The attribute class in namespace <c>MultiTask</c>.</param>
        /// <param name="RuntimeType">The property's type (without namespace) when no custom module is given.</param>
        /// <param name="Module">Where a custom module's <c>typeof</c> may be given.</param>
        /// <param name="Shared">The validator of a component every head reads; null for a head.</param>
        /// <param name="Task">The validator of a head's task; null for a shared component.</param>
        /// <param name="Field">The validator of an input field; null for a trunk or head.</param>
        private sealed record ComponentKind(string Attribute, string RuntimeType, ModuleArgument Module, SharedValidator? Shared, TaskValidator? Task, FieldValidator? Field = null);

        /// <summary>Where an attribute takes the type of the user's module.</summary>
        private enum ModuleArgument
        {
            /// <summary>It does not.</summary>
            None,

            /// <summary>As its constructor argument: <c>[SharedTrunk(typeof(MyEncoder))]</c>.</summary>
            Constructor,

            /// <summary>As <c>Module = typeof(MyHead)</c>.</summary>
            Named,
        }
    }
}
