using System;
using System.Collections.Generic;

namespace MultiTask.Data.Encoding
{
    /// <summary>The words of a text cell: runs of letters and digits, lower-cased (invariant culture); every other character separates.</summary>
    internal static class Words
    {
        public static IEnumerable<string> Of(string? text)
        {
            if (text is null)
            {
                yield break;
            }

            var start = -1;
            for (var i = 0; i <= text.Length; i++)
            {
                var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
                if (inWord && start < 0)
                {
                    start = i;
                }
                else if (!inWord && start >= 0)
                {
                    yield return text[start..i].ToLowerInvariant();
                    start = -1;
                }
            }
        }
    }
}
