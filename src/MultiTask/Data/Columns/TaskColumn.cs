namespace MultiTask
{
    /// <summary>One task of a model and the column(s) its target is read from.</summary>
    /// <param name="Task">The task.</param>
    /// <param name="Column">Where its target is.</param>
    public sealed record TaskColumn(TaskDefinition Task, TargetColumn Column);
}
