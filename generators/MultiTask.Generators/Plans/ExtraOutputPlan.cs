namespace MultiTask.Generators.Plans
{
    /// <summary>An output beside the tasks' (the autoencoder's reconstruction): a member of <c>Outputs</c>.</summary>
    /// <param name="Name">The member of <c>Outputs</c>.</param>
    /// <param name="Shape">Its shape, for the summary of <c>forward</c>.</param>
    /// <param name="Documentation">The <c>Outputs</c> parameter's documentation.</param>
    /// <param name="Expression">What <c>ReadHeads</c> computes for it from <c>representation</c>.</param>
    internal sealed record ExtraOutputPlan(string Name, string Shape, string Documentation, string Expression);
}
