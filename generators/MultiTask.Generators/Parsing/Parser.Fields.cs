using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using MultiTask.Generators.Diagnostics;
using MultiTask.Generators.Emit;
using MultiTask.Generators.Model;

namespace MultiTask.Generators.Parsing
{
    /// <summary>
    /// The model-level checks of input fields: no <c>InputSize</c> beside them (MTL0060), no one input per task (MTL0061),
    /// shared tables resolved (MTL0063, MTL0064), and an autoencoder only over dense fields (MTL0068).
    /// </summary>
    internal static partial class Parser
    {
        /// <summary>Whether a member of <paramref name="type"/> carries an input field attribute.</summary>
        private static bool DeclaresFields(INamedTypeSymbol type) => FieldMemberNames(type).Any();

        /// <summary>The members of <paramref name="type"/> that carry an input field attribute, whether or not they became fields.</summary>
        private static IEnumerable<string> FieldMemberNames(INamedTypeSymbol type)
            => type.GetMembers().Where(m => m.GetAttributes().Any(a => Classify(a.AttributeClass)?.Field is not null)).Select(m => m.Name);

        /// <summary>MTL0060 when a model with input fields declares <c>InputSize</c>; the size is the fields' (0 until they are read).</summary>
        private static int CheckNoInputSize(AttributeReader reader, string model, ParseState state)
        {
            if (reader.Int("InputSize") is { } declared)
            {
                state.Report(DiagnosticDescriptors.InputSizeWithFields, reader.ArgumentLocation("InputSize"), model, Literals.Number(declared));
            }

            return 0;
        }

        /// <summary>The fields of the declaration in order, their shared tables resolved; empty for a model without fields.</summary>
        private static EquatableArray<FieldInfo> ReadFields(INamedTypeSymbol type, List<Component> components, AttributeReader modelReader, Component? trunk, ParseState state)
        {
            string model = type.Name;
            var fields = components.Where(c => c.Field is not null).ToList();
            if (fields.Count == 0)
            {
                return EquatableArray<FieldInfo>.Empty;
            }

            if (modelReader.Bool("InputPerTask") == true)
            {
                state.Report(DiagnosticDescriptors.FieldsInputPerTask, modelReader.ArgumentLocation("InputPerTask"), model);
            }

            if (trunk?.Trunk is AutoencoderTrunkInfo && fields.FirstOrDefault(f => f.Field is not DenseFieldInfo) is { } learned)
            {
                state.Report(DiagnosticDescriptors.AutoencoderOverLearnedFields, trunk.AttributeLocation, model, trunk.Name, learned.Attribute, learned.Name);
            }

            // A field whose own declaration has an error (MTL0003) is not reported again by the fields sharing its table.
            var declared = new HashSet<string>(FieldMemberNames(type));
            return fields.Select(f => f.Field is CategoricalFieldInfo { SharesTableWith: { } owner } sharer ? ResolveTable(sharer, owner, f, fields, declared, state) : f.Field!).ToEquatableArray();
        }

        /// <summary>A sharer with its owner's vocabulary, hashing and width; MTL0063 when <paramref name="ownerName"/> owns no table, MTL0064 for a differing width.</summary>
        private static FieldInfo ResolveTable(CategoricalFieldInfo sharer, string ownerName, Component component, List<Component> fields, HashSet<string> declared, ParseState state)
        {
            Component? owner = fields.FirstOrDefault(f => f.Name == ownerName);
            if (owner is null && declared.Contains(ownerName))
            {
                return sharer;
            }

            string? problem = owner switch
            {
                null => "names no input field of the model",
                _ when owner == component => "names the field itself",
                { Field: not CategoricalFieldInfo } => $"names '{ownerName}', a [{owner.Attribute}] field",
                { Field: CategoricalFieldInfo { SharesTableWith: { } further } } => $"names '{ownerName}', which reads the table of '{further}' itself",
                _ => null,
            };
            if (problem is not null)
            {
                state.Report(DiagnosticDescriptors.SharedTableNotFound, component.SharesTableWithLocation, sharer.Name, ownerName, problem);
                return sharer;
            }

            var table = (CategoricalFieldInfo)owner!.Field!;
            if (sharer.EmbeddingWidth != 0 && sharer.EmbeddingWidth != table.EmbeddingWidth)
            {
                state.Report(DiagnosticDescriptors.SharedTableSettings, component.SharesTableWithLocation, sharer.Name, ownerName, "Width", Literals.Number(sharer.EmbeddingWidth), $" ({Literals.Number(table.EmbeddingWidth)})");
            }

            return sharer with { Vocabulary = table.Vocabulary, Hashed = table.Hashed, EmbeddingWidth = table.EmbeddingWidth };
        }
    }
}
