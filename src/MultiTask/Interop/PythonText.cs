using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MultiTask
{
    /// <summary>Python source fragments: literals in the invariant culture, and attribute access that works for any field name.</summary>
    internal static class PythonText
    {
        private static readonly HashSet<string> Keywords =
        [
            "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else",
            "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
            "return", "try", "while", "with", "yield", "match", "case",
        ];

        private static readonly JsonSerializerOptions Unescaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        /// <summary>A Python string literal (a JSON string is one).</summary>
        public static string String(string value) => JsonSerializer.Serialize(value, Unescaped);

        /// <summary>A Python float literal that reads back as <paramref name="value"/>.</summary>
        public static string Number(double value)
        {
            string text = value.ToString("R", CultureInfo.InvariantCulture);
            return text.Contains('.') || text.Contains('E') ? text : text + ".0";
        }

        public static string Bool(bool value) => value ? "True" : "False";

        public static string List(IEnumerable<string> items) => "[" + string.Join(", ", items) + "]";

        public static string Ints(IEnumerable<long> values) => List(values.Select(v => v.ToString(CultureInfo.InvariantCulture)));

        /// <summary>A Python dict literal with string keys, in the given order.</summary>
        public static string Dict(IEnumerable<(string Key, string Value)> items) => "{" + string.Join(", ", items.Select(i => $"{String(i.Key)}: {i.Value}")) + "}";

        /// <summary><c>self.name</c>, or <c>getattr(self, "name")</c> when the name is not a plain ASCII Python identifier.</summary>
        public static string Member(string owner, string name) => IsPlainIdentifier(name) ? $"{owner}.{name}" : $"getattr({owner}, {String(name)})";

        /// <summary>The statement that makes <paramref name="value"/> the submodule <paramref name="name"/> of <c>self</c>.</summary>
        public static string Assign(string name, string value) => IsPlainIdentifier(name) ? $"self.{name} = {value}" : $"self.add_module({String(name)}, {value})";

        // Non-ASCII identifiers are valid Python too, but Python normalizes them (NFKC), which could change a state-dict key;
        // and inside a class Python mangles a name starting with two underscores (self.__raw is self._Model__raw).
        private static bool IsPlainIdentifier(string name)
            => name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
                && !name.StartsWith("__", StringComparison.Ordinal) && !Keywords.Contains(name);

        /// <summary>A name usable as a Python identifier: the C# type name with anything else replaced by '_'.</summary>
        public static string ClassName(Type type)
        {
            string name = new(type.Name.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_').ToArray());
            return IsPlainIdentifier(name) ? name : "Exported" + name;
        }
    }
}
