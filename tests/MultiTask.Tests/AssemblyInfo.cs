using Xunit;

// Models draw their initial weights and dropout masks from torch's global generator: tests that seed it must not interleave.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
