using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace MultiTask.Generators.Emit
{
    /// <summary>C# literals and identifiers, culture-invariant.</summary>
    internal static class Literals
    {
        public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

        /// <summary>
        /// The shortest invariant text that parses back to the same double, in C# literal style: <c>0.1</c>, <c>0.0003</c>,
        /// <c>1e-05</c> becomes <c>1e-5</c>. The same on every runtime the compiler may run on (G15, then G16, then G17).
        /// </summary>
        public static string Number(double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                return value.ToString(CultureInfo.InvariantCulture);
            }

            string text = value.ToString("G17", CultureInfo.InvariantCulture);
            for (int precision = 15; precision < 17; precision++)
            {
                string candidate = value.ToString("G" + precision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                if (double.Parse(candidate, NumberStyles.Float, CultureInfo.InvariantCulture) == value)
                {
                    text = candidate;
                    break;
                }
            }

            int e = text.IndexOf('E');
            if (e < 0)
            {
                return text;
            }

            // "1E-05" -> "1e-5", "1E+20" -> "1e20".
            string mantissa = text.Substring(0, e);
            string exponent = text.Substring(e + 1);
            string sign = exponent.StartsWith("-", System.StringComparison.Ordinal) ? "-" : string.Empty;
            string digits = exponent.TrimStart('+', '-').TrimStart('0');
            return mantissa + "e" + sign + (digits.Length == 0 ? "0" : digits);
        }

        /// <summary>
        /// <see cref="Number(double)"/> that stays a double where the target type also takes an int: <c>2</c> becomes <c>2.0</c>;
        /// NaN and the infinities are the constants of <c>double</c>.
        /// </summary>
        public static string Double(double value)
        {
            if (double.IsNaN(value))
            {
                return "double.NaN";
            }

            if (double.IsInfinity(value))
            {
                return value > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity";
            }

            string text = Number(value);
            return text.IndexOfAny(new[] { '.', 'e' }) < 0 ? text + ".0" : text;
        }

        public static string Bool(bool value) => value ? "true" : "false";

        /// <summary>A C# string literal.</summary>
        public static string String(string value)
        {
            var builder = new StringBuilder(value.Length + 2).Append('"');
            foreach (char c in value)
            {
                switch (c)
                {
                    case '"': builder.Append("\\\""); break;
                    case '\\': builder.Append("\\\\"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\t': builder.Append("\\t"); break;
                    default:
                        if (char.IsControl(c))
                        {
                            builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            builder.Append(c);
                        }

                        break;
                }
            }

            return builder.Append('"').ToString();
        }

        /// <summary>An identifier as it must be written in code: keywords get an <c>@</c>.</summary>
        public static string Identifier(string name)
            => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

        /// <summary>
        /// The field that holds a trunk or head, which is also its state-dict prefix (docs/architecture.md, "Names"): the
        /// name in camelCase when that differs from the name (<c>Body</c> -> <c>body</c>, <c>IsEven</c> -> <c>isEven</c>,
        /// <c>Клик</c> -> <c>клик</c>), otherwise, for a name that starts with a lower-case letter, an underscore or a
        /// letter without case, the name after an underscore (<c>class</c> -> <c>_class</c>, <c>点击率</c> -> <c>_点击率</c>,
        /// <c>_raw</c> -> <c>__raw</c>). The two kinds never meet: a camelCase field starts with a letter, the other with
        /// an underscore.
        /// </summary>
        public static string FieldName(string name)
        {
            string camel = CamelCase(name);
            return camel != name ? camel : "_" + name;
        }

        /// <summary>
        /// camelCase as System.Text.Json writes it: the leading run of upper-case letters is lowered, except the last one
        /// when a lower-case letter follows (<c>IsEven</c> -> <c>isEven</c>, <c>IOU</c> -> <c>iou</c>, <c>URLValue</c> -> <c>urlValue</c>).
        /// </summary>
        public static string CamelCase(string name)
        {
            if (name.Length == 0 || !char.IsUpper(name[0]))
            {
                return name;
            }

            char[] chars = name.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                if (i == 1 && !char.IsUpper(chars[i]))
                {
                    break;
                }

                bool hasNext = i + 1 < chars.Length;
                if (i > 0 && hasNext && !char.IsUpper(chars[i + 1]))
                {
                    break;
                }

                chars[i] = char.ToLowerInvariant(chars[i]);
            }

            return new string(chars);
        }
    }
}
