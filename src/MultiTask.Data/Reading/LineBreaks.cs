using System;

namespace MultiTask.Data.Reading
{
    /// <summary>Line breaks in text as an editor counts them: <c>\n</c>, <c>\r\n</c> and a lone <c>\r</c> are one each.</summary>
    internal static class LineBreaks
    {
        public static int In(ReadOnlySpan<char> text)
        {
            var breaks = 0;
            for (var at = text.IndexOfAny('\r', '\n'); at >= 0; at = text.IndexOfAny('\r', '\n'))
            {
                breaks++;
                var crlf = text[at] == '\r' && at + 1 < text.Length && text[at + 1] == '\n';
                text = text[(at + (crlf ? 2 : 1))..];
            }

            return breaks;
        }
    }
}
