using System;
using System.Globalization;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>What the field kinds' checks share: the row count, the dtype classes, and messages starting <c>Model.Field: </c>.</summary>
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
    }
}
