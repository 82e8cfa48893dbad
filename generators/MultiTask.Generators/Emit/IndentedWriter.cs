using System.Text;

namespace MultiTask.Generators.Emit
{
    /// <summary>A minimal writer of indented lines (four spaces a level, <c>\n</c> line ends).</summary>
    internal sealed class IndentedWriter
    {
        private readonly StringBuilder builder = new();
        private int indent;

        public void Line(string text = "")
        {
            if (text.Length > 0)
            {
                builder.Append(' ', indent * 4).Append(text);
            }

            builder.Append('\n');
        }

        /// <summary>Writes <c>{</c> and indents.</summary>
        public void Open()
        {
            Line("{");
            indent++;
        }

        /// <summary>Unindents and writes <c>}</c> followed by <paramref name="suffix"/>.</summary>
        public void Close(string suffix = "")
        {
            indent--;
            Line("}" + suffix);
        }

        public void Indent() => indent++;

        public void Unindent() => indent--;

        public override string ToString() => builder.ToString();
    }
}
