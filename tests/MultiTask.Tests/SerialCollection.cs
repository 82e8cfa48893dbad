using Xunit;

namespace MultiTask.Tests
{
    /// <summary>
    /// Tests that seed or draw from libtorch's global random generator (module initialisation, <c>torch.manual_seed</c>) run
    /// in this collection, never at the same time as another test class: a concurrent draw would change what a
    /// same-seed-same-result test sees.
    /// </summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class SerialCollection
    {
        public const string Name = "Global torch random generator";
    }
}
