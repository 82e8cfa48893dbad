using System;
using System.Collections.Generic;
using System.Linq;
using MultiTask.Data.Reading;

namespace MultiTask.Data.Encoding
{
    /// <summary>
    /// A model's inputs matched against a file's columns: per input a <see cref="InputPart"/>, the numeric columns a row keeps
    /// (the standardized ones first) and the cells of its categorical and text fields. The one place that tells a
    /// <see cref="ColumnMap"/> from a <see cref="FieldColumnMap"/> and one field kind from another.
    /// </summary>
    internal sealed class InputLayout
    {
        private InputLayout(IReadOnlyList<InputPart> parts, int[] numericColumns, int standardized, int[] cellColumns, string[] featureNames)
        {
            Parts = parts;
            NumericColumns = numericColumns;
            Standardized = standardized;
            CellColumns = cellColumns;
            FeatureNames = featureNames;
        }

        /// <summary>The model's inputs, in its order.</summary>
        public IReadOnlyList<InputPart> Parts { get; }

        /// <summary>The file columns of a row's numbers: the standardized ones, then the images'.</summary>
        public int[] NumericColumns { get; }

        /// <summary>How many of a row's numbers (the first) are standardized.</summary>
        public int Standardized { get; }

        /// <summary>The file columns of a row's cells, one per categorical or text field.</summary>
        public int[] CellColumns { get; }

        /// <summary>The standardized columns, as messages name them.</summary>
        public string[] FeatureNames { get; }

        public IEnumerable<CellPart> CellParts => Parts.OfType<CellPart>();

        /// <summary>Each dense field's columns among the standardized ones (none for a <see cref="ColumnMap"/>'s one input vector).</summary>
        public StandardizedField[] DenseFields { get; private init; } = [];

        public static InputLayout Resolve(ModelColumnMap map, ITableReader reader) => map switch
        {
            ColumnMap shared => OneVector(shared, reader),
            FieldColumnMap fields => Fields(fields, reader),
            _ => throw new ArgumentException($"{map.ModelName}: a column map of an unknown kind ({map.GetType().Name}).", nameof(map)),
        };

        private static InputLayout OneVector(ColumnMap map, ITableReader reader)
        {
            var columns = ColumnFinder.Select(map.Features, map.InputSize, $"{map.ModelName} takes {map.InputSize} inputs", reader);
            return new InputLayout([new NumericPart("Features", map.InputSize, null)], columns, columns.Length, [], columns.Select(reader.ColumnName).ToArray());
        }

        private static InputLayout Fields(FieldColumnMap map, ITableReader reader)
        {
            var parts = new List<InputPart>();
            var numeric = new List<(NumericPart Part, int[] Columns)>();
            var cells = new List<int>();
            foreach (var (field, column) in map.FieldColumns.Select(f => (f.Field, f.Column)))
            {
                var taker = $"field '{field.Name}' takes";
                InputPart part = (field, column) switch
                {
                    (DenseField dense, InputColumns spec) => Numeric(new NumericPart(field.Name, dense.Size, null), ColumnFinder.Select(spec, dense.Size, $"{taker} {dense.Size}", reader)),
                    (ImageField image, InputColumns spec) => Numeric(new NumericPart(field.Name, checked((int)image.Pixels), [image.Channels, image.Height, image.ImageWidth]),
                        ColumnFinder.Select(spec, checked((int)image.Pixels), $"{taker} {image.Pixels} ({image.Shape})", reader)),
                    (CategoricalField categorical, CategoryColumn spec) => Cell(spec.Column, field.Name, name => Categorical(categorical, spec, name)),
                    (TokenSequenceField text, TextColumn spec) => Cell(spec.Column, field.Name, name => Text(text, name)),
                    _ => throw new ArgumentException($"{map.ModelName}: field '{field.Name}' ({field.GetType().Name}) cannot be read from a {column.GetType().Name}: give a dense or image field an InputColumns, a categorical field a CategoryColumn, a token sequence a TextColumn."),
                };
                parts.Add(part);
            }

            // The standardized columns first, so that the standardizer's column c is a row's number c.
            var ordered = numeric.OrderBy(n => n.Part.Standardized ? 0 : 1).ToArray();
            var offset = 0;
            foreach (var (part, columns) in ordered)
            {
                part.Offset = offset;
                offset += columns.Length;
            }

            var numericColumns = ordered.SelectMany(n => n.Columns).ToArray();
            var standardized = ordered.Where(n => n.Part.Standardized).Sum(n => n.Columns.Length);
            return new InputLayout(parts, numericColumns, standardized, cells.ToArray(), numericColumns.Take(standardized).Select(reader.ColumnName).ToArray())
            {
                DenseFields = ordered.Where(n => n.Part.Standardized).Select(n => new StandardizedField(n.Part.Name, n.Part.Offset, n.Part.Width)).ToArray(),
            };

            NumericPart Numeric(NumericPart part, int[] columns)
            {
                numeric.Add((part, columns));
                return part;
            }

            CellPart Cell(FileColumn column, string name, Func<string, CellPart> make)
            {
                var index = ColumnFinder.Find(column, reader, $"field '{name}'");
                var part = make(reader.ColumnName(index));
                part.Slot = cells.Count;
                cells.Add(index);
                return part;
            }
        }

        private static CellPart Categorical(CategoricalField field, CategoryColumn column, string columnName)
        {
            if (field.Values > 1 && column.Separator is null)
            {
                throw new ArgumentException($"Field '{field.Name}' takes up to {field.Values} values per row: give its CategoryColumn a separator (e.g. CategoryColumn.Named(\"tags\", separator: '|')).");
            }

            var template = new FieldEncoding(field.Name, FieldValues.Names, field.Values, column.Separator, field.Vocabulary, null);
            return new CellPart(field.Name, columnName, template, field.Vocabulary, field.Hashed);
        }

        private static CellPart Text(TokenSequenceField field, string columnName)
            => new(field.Name, columnName, new FieldEncoding(field.Name, FieldValues.Words, field.Length, null, 1, null), field.Vocabulary, hashed: false);
    }
}
