using MultiTask.Generators.Diagnostics;
using MultiTask.Generators.Emit;
using MultiTask.Generators.Model;

namespace MultiTask.Generators.Parsing
{
    /// <summary>
    /// The validator of <c>[Categorical]</c>: exactly one of Vocabulary and HashBuckets (MTL0062), or neither with
    /// SharesTableWith (MTL0064; the table itself is resolved with the other fields), a positive width, at least one value.
    /// </summary>
    internal static partial class Parser
    {
        private static FieldInfo ReadCategoricalField(string name, string accessibility, AttributeReader reader, ParseState state)
        {
            int? vocabulary = reader.Int("Vocabulary");
            int? buckets = reader.Int("HashBuckets");
            int? width = reader.Int("Width");
            string? owner = reader.String("SharesTableWith");
            int values = reader.Int("Values") ?? 1;
            string pooling = ReadEnum(name, "Pooling", "Mean", reader, state) ?? "Mean";

            if (owner is not null)
            {
                foreach ((string argument, int? value) in new[] { ("Vocabulary", vocabulary), ("HashBuckets", buckets) })
                {
                    if (value is { } given)
                    {
                        state.Report(DiagnosticDescriptors.SharedTableSettings, reader.ArgumentLocation(argument), name, owner, argument, Literals.Number(given), string.Empty);
                    }
                }
            }
            else if (vocabulary is null && buckets is null)
            {
                if (!reader.HasCompilerErrors)
                {
                    state.Report(DiagnosticDescriptors.CategoricalTableSize, reader.AttributeLocation, name, "declares neither Vocabulary nor HashBuckets");
                }
            }
            else if (vocabulary is { } ids && buckets is { } hashed)
            {
                state.Report(DiagnosticDescriptors.CategoricalTableSize, reader.ArgumentLocation("HashBuckets"), name, $"declares both Vocabulary = {Literals.Number(ids)} and HashBuckets = {Literals.Number(hashed)}");
            }
            else
            {
                string argument = vocabulary is null ? "HashBuckets" : "Vocabulary";
                int rows = vocabulary ?? buckets!.Value;
                if (rows < 1)
                {
                    state.Report(DiagnosticDescriptors.InvalidArgument, reader.ArgumentLocation(argument), name, argument, Literals.Number(rows), "expected at least 1 row of the table");
                }
            }

            if (width is null && owner is null)
            {
                ReportMissing(name, "Width", "give the embedding width, e.g. Width = 16", reader, state);
            }
            else if (width is { } given)
            {
                CheckWidth(name, "Width", given, reader.ArgumentLocation("Width"), "the embedding", state);
            }

            if (values < 1)
            {
                state.Report(DiagnosticDescriptors.InvalidArgument, reader.ArgumentLocation("Values"), name, "Values", Literals.Number(values), "expected at least 1 (1 for one id a row, more for a multi-valued field)");
            }

            return new CategoricalFieldInfo(name, accessibility, vocabulary ?? buckets ?? 0, vocabulary is null && buckets is not null, width ?? 0, owner, values, pooling);
        }
    }
}
