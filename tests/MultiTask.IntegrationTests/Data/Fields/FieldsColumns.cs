using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace MultiTask.IntegrationTests.Data.Fields;

/// <summary>A batch of the hand-written field model: its fields' tensors in field order and its one task's target.</summary>
internal sealed record FieldsBatch(IReadOnlyList<Tensor> Fields, TaskTarget Click);

/// <summary>
/// A column map shaped as the generator writes a field model's <c>Columns</c>: a required member per field and per task, the
/// field descriptors as static fields, and the three overrides.
/// </summary>
internal sealed class FieldsColumns : FieldColumnMap<FieldsBatch>
{
    public static readonly DenseField NumericField = new("Numeric", 2);
    public static readonly CategoricalField UserField = new("User", vocabulary: 3, width: 4);
    public static readonly CategoricalField ItemField = new("Item", vocabulary: 100, width: 4);
    public static readonly CategoricalField TagField = new("Tag", vocabulary: 1 << 10, width: 4, hashed: true);
    public static readonly CategoricalField RecentField = new("Recent", vocabulary: 4, width: 4, values: 3);
    public static readonly TokenSequenceField TitleField = new("Title", vocabulary: 5, length: 4, width: 4);
    public static readonly ImageField PixelsField = new("Pixels", 1, 2, 2);

    private static readonly BinaryTask ClickTask = new("Click");

    public FieldsColumns()
        : base("FieldsModel")
    {
    }

    public required InputColumns Numeric { get; init; }

    public required CategoryColumn User { get; init; }

    public required CategoryColumn Item { get; init; }

    public required CategoryColumn Tag { get; init; }

    public required CategoryColumn Recent { get; init; }

    public required TextColumn Title { get; init; }

    public required InputColumns Pixels { get; init; }

    public required TargetColumn Click { get; init; }

    /// <summary>The columns of <see cref="FieldFiles.Csv"/>.</summary>
    public static FieldsColumns OfTable { get; } = new()
    {
        Numeric = InputColumns.Named("age", "income"),
        User = "user",
        Item = CategoryColumn.Named("item"),
        Tag = "tag",
        Recent = CategoryColumn.Named("recent", separator: '|'),
        Title = TextColumn.Named("title"),
        Pixels = InputColumns.Prefix("px"),
        Click = "click",
    };

    public override IReadOnlyList<FieldColumn> FieldColumns =>
        [new(NumericField, Numeric), new(UserField, User), new(ItemField, Item), new(TagField, Tag), new(RecentField, Recent), new(TitleField, Title), new(PixelsField, Pixels)];

    public override IReadOnlyList<TaskColumn> TaskColumns => [new(ClickTask, Click)];

    public override FieldsBatch ToBatch(IReadOnlyList<Tensor> fields, IReadOnlyList<TaskTarget> targets) => new(Checked(fields), targets[0]);

    public override IEnumerable<FieldsBatch> Batches(IReadOnlyList<Tensor> fields, IReadOnlyList<TaskTarget> targets, int batchSize, bool shuffle, int seed)
    {
        var checkedFields = Checked(fields);
        var rows = fields[0].size(0);
        for (long start = 0; start < rows; start += batchSize)
        {
            using var index = arange(start, System.Math.Min(start + batchSize, rows), dtype: ScalarType.Int64);
            yield return new(checkedFields.Select(f => f.index_select(0, index)).ToArray(), targets[0].Select(index));
        }
    }

    /// <summary>What the generated <c>Features.CheckDataSet</c> does: every field checked against the first field's rows.</summary>
    private IReadOnlyList<Tensor> Checked(IReadOnlyList<Tensor> fields)
        => FieldColumns.Select((c, i) => c.Field.CheckDataSet(fields[i], fields[0].size(0), ModelName)).ToArray();
}
