using System;
using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>What the field kinds' checks share: the row count, the dtype classes, the first flagged element, and messages starting <c>Model.Field: </c>.</summary>
    internal static class FieldChecks
    {
        public static ArgumentException Error(InputField field, string model, string problem)
            => new($"{model}.{field.Name}: {problem}");

        /// <summary>A tensor as messages print it, e.g. <c>int32 [4, 5]</c>.</summary>
        public static string Describe(Tensor values) => $"{values.dtype.ToString().ToLowerInvariant()} {Shapes.Format(values)}";

        public static void Rows(InputField field, Tensor values, long rows, string model)
        {
            var count = values.dim() == 0 ? 0 : values.size(0);
            if (values.dim() == 0 || count != rows)
            {
                var has = values.dim() == 0 ? "a single value" : $"{count.ToString(CultureInfo.InvariantCulture)} rows";
                throw Error(field, model, $"the data set has {rows.ToString(CultureInfo.InvariantCulture)} rows but the field has {has}");
            }
        }

        public static bool IsInteger(ScalarType dtype)
            => dtype is ScalarType.Int64 or ScalarType.Int32 or ScalarType.Int16 or ScalarType.Int8 or ScalarType.Byte;

        /// <summary><c>Model.Field</c>, or the field alone when no model is named (a module's own check).</summary>
        public static string Owner(string model, InputField field) => model.Length == 0 ? field.Name : $"{model}.{field.Name}";

        /// <summary>The error for values that are not what <paramref name="field"/> holds.</summary>
        public static TaskDataException ShapeError(string model, InputField field, Tensor values)
            => new($"{Owner(model, field)}: expects {field.Shape}, got {Describe(values)}");


        /// <summary>The row and position of the first true element of <paramref name="bad"/> (<c>[N]</c> or <c>[N, m]</c>), or null; one device sync.</summary>
        public static (long Row, long Position)? First(Tensor bad) => TaskDefinition.FirstPresent(bad, null);

        /// <summary>Element <paramref name="row"/>, <paramref name="position"/> of int64 <paramref name="values"/>.</summary>
        public static long At(Tensor values, long row, long position)
        {
            using var element = values.dim() == 1 ? values[row] : values[row, position];
            return element.ToInt64();
        }

    }
}
