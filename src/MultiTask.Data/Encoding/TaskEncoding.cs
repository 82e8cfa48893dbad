using System.Collections.Generic;

namespace MultiTask.Data
{
    /// <summary>How one task's target column was read: as numbers (<see cref="Classes"/> null), or as class names, name i being class i.</summary>
    /// <param name="Task">The task's name.</param>
    /// <param name="Classes">The class names in index order (a binary task's second is the positive class); null for numbers.</param>
    public sealed record TaskEncoding(string Task, IReadOnlyList<string>? Classes);
}
