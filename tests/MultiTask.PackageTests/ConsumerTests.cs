using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace MultiTask.PackageTests;

/// <summary>A user's project that references only the packed packages, from the local folder dotnet pack wrote them to.</summary>
[Collection(PackedPackagesCollection.Name)]
public class ConsumerTests(PackedPackages packages)
{
    // A CUDA LibTorch package (not served here) marks the build with TorchSharpCudaPackage=true, as every CPU one marks it with
    // TorchSharpCpuPackage; TorchSharp's targets stop a build that has both. The tests set the CUDA marker themselves.
    private const string CudaMarker = "--property:TorchSharpCudaPackage=true";

    [Fact]
    public void A_project_on_the_packages_alone_declares_a_model_and_trains_it_one_epoch()
    {
        var consumer = ConsumerProject.Create(packages, "consumer");
        var plots = Path.Combine(consumer.Folder, "plots");
        Directory.CreateDirectory(plots);

        // For this machine's platform only: TorchSharp-cpu's LibTorch for all three is 1.2 GB of output, one is 494 MB.
        var output = consumer.Run("run", "--runtime", RuntimeInformation.RuntimeIdentifier, "--", plots);

        var before = Number(output, @"loss before: (\S+)");
        var after = Number(output, @"loss after: (\S+)");
        Assert.True(double.IsFinite(before) && double.IsFinite(after), output);
        Assert.True(after < before, $"one epoch did not lower the loss ({before} -> {after}):\n{output}");
        Assert.True(Number(output, @"epoch 1 Kind loss: (\S+),") > 0, output);
        Assert.True(Number(output, @"Size loss: (\S+)") > 0, output);
        Assert.Equal(256, Number(output, @"predicted classes: (\S+)"));
        Assert.Contains("Epoch 1/1", output);  // MultiTask.Terminal's summary line (plain text: the output is not a terminal)
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(Path.Combine(plots, "curves.png")).Take(4));
        // The CPU LibTorch came along with TorchSharp-cpu (the counterpart of the test below).
        Assert.NotEmpty(Directory.GetFiles(consumer.OutputFolder, "*torch_cpu.*", SearchOption.AllDirectories));
    }

    [Fact]
    public void The_project_restores_MultiTask_from_the_packed_folder_and_has_no_project_reference()
    {
        var consumer = ConsumerProject.Create(packages, "restored");

        consumer.Run("restore");

        using var assets = JsonDocument.Parse(File.ReadAllText(Path.Combine(consumer.Folder, "obj", "project.assets.json")));
        var libraries = assets.RootElement.GetProperty("libraries").EnumerateObject().ToList();
        Assert.DoesNotContain(libraries, l => l.Value.GetProperty("type").GetString() == "project");
        foreach (var id in new[] { "MultiTask", "MultiTask.Abstractions", "MultiTask.Terminal", "MultiTask.Plotting" })
        {
            Assert.Contains(libraries, l => l.Name == $"{id}/{packages.Version}" && l.Value.GetProperty("type").GetString() == "package");
            var metadata = Path.Combine(packages.PackagesFolder, id.ToLowerInvariant(), packages.Version.ToLowerInvariant(), ".nupkg.metadata");
            using var source = JsonDocument.Parse(File.ReadAllText(metadata));
            Assert.Equal(Path.TrimEndingDirectorySeparator(packages.Feed), Path.TrimEndingDirectorySeparator(source.RootElement.GetProperty("source").GetString()!));
        }
    }

    [Fact]
    public void Excluding_the_CPU_LibTorch_packages_as_the_docs_say_leaves_LibTorch_out_of_the_build_and_lets_a_CUDA_one_in()
    {
        var consumer = ConsumerProject.Create(packages, "without-cpu-libtorch");

        consumer.Run("build", "--property:ExcludeCpuLibTorch=true", CudaMarker);

        var files = Directory.GetFiles(consumer.OutputFolder, "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();
        Assert.Contains("TorchSharp.dll", files);
        Assert.Contains(files, f => f!.Contains("LibTorchSharp"));  // TorchSharp's own native bridge stays: a CUDA LibTorch needs it too
        Assert.DoesNotContain(files, f => f!.Contains("torch_cpu."));
    }

    [Fact]
    public void Without_the_exclusion_a_CUDA_LibTorch_beside_MultiTask_fails_the_build_with_TorchSharp_s_message()
    {
        var consumer = ConsumerProject.Create(packages, "with-cpu-libtorch");

        var failure = Assert.Throws<InvalidOperationException>(() => consumer.Run("build", CudaMarker));

        Assert.Contains("Two TorchSharp runtime packages have been referenced (both libtorch-cpu and libtorch-cuda)", failure.Message);
    }

    private static double Number(string output, string pattern)
    {
        var match = Regex.Match(output, pattern);
        Assert.True(match.Success, $"no '{pattern}' in:\n{output}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
