using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.Tests
{
    [Collection(SerialCollection.Name)]
    public sealed class ModelFileTests : IDisposable
    {
        private readonly string folder = Directory.CreateTempSubdirectory("multitask-model-file-").FullName;

        private string FilePath => Path.Combine(folder, "tiny.mtl");

        public void Dispose() => Directory.Delete(folder, recursive: true);

        private static TinyNet Uncertain(long seed, int hidden = 16)
        {
            torch.manual_seed(seed);
            var net = new TinyNet(hidden: hidden, weighting: tasks => new UncertaintyWeighting(tasks));
            using var noGrad = torch.no_grad();
            // Log-variances other than their initial zeros, so that a round trip shows they are saved.
            net.state_dict()["lossWeighting.log_variances"].copy_(torch.tensor(new[] { 0.25f + seed, -0.5f }));
            return net;
        }

        [Fact]
        public void Save_then_load_gives_bit_identical_weights_loss_weighting_and_predictions()
        {
            using var saved = Uncertain(seed: 1);
            using var loaded = Uncertain(seed: 2);
            using var input = torch.randn(5, 4);
            Assert.NotEqual(Weights.Of(saved), Weights.Of(loaded));

            ModelFile.Save(saved, saved.Tasks, FilePath);
            ModelFile.LoadInto(loaded, loaded.Tasks, FilePath);

            Assert.Equal(Weights.Of(saved), Weights.Of(loaded));
            Assert.Contains("lossWeighting.log_variances", Weights.Of(loaded).Keys);
            var (savedClass, savedValue) = saved.forward(input);
            var (loadedClass, loadedValue) = loaded.forward(input);
            Assert.Equal(savedClass.data<float>().ToArray(), loadedClass.data<float>().ToArray());
            Assert.Equal(savedValue.data<float>().ToArray(), loadedValue.data<float>().ToArray());
        }

        [Fact]
        public void Load_returns_the_given_model_with_the_weights()
        {
            using var saved = Uncertain(seed: 1);
            ModelFile.Save(saved, saved.Tasks, FilePath);

            using var loaded = ModelFile.Load(Uncertain(seed: 3), saved.Tasks, FilePath);

            Assert.Equal(Weights.Of(saved), Weights.Of(loaded));
        }

        [Fact]
        public void The_file_describes_the_model_tasks_components_and_every_tensor()
        {
            using var net = Uncertain(seed: 1);
            ModelFile.Save(net, net.Tasks, FilePath);

            using var description = JsonDocument.Parse(ModelFile.Describe(FilePath));
            var root = description.RootElement;

            Assert.Equal("MultiTask.Tests.TinyNet", root.GetProperty("model").GetString());
            Assert.Equal(64, root.GetProperty("fingerprint").GetString()!.Length);
            Assert.Equal(["Class classification", "Value regression"], root.GetProperty("tasks").EnumerateArray().Select(t => $"{t.GetProperty("name")} {t.GetProperty("kind")}"));
            Assert.Equal(["body", "classHead", "valueHead", "lossWeighting"], root.GetProperty("components").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
            var tensors = root.GetProperty("tensors").EnumerateArray().ToDictionary(t => t.GetProperty("key").GetString()!);
            Assert.Equal(net.state_dict().Keys.Order(), tensors.Keys.Order());
            Assert.Equal([16L, 4L], tensors["body.layers.0.weight"].GetProperty("shape").EnumerateArray().Select(s => s.GetInt64()));
            Assert.Equal("Float32", tensors["body.layers.0.weight"].GetProperty("dtype").GetString());
            Assert.Equal(16 * 4 * 4, tensors["body.layers.0.weight"].GetProperty("bytes").GetInt64());
        }

        [Fact]
        public void A_file_of_another_architecture_fails_naming_the_key_shapes_and_declaration_and_changes_nothing()
        {
            using var wide = Uncertain(seed: 1, hidden: 16);
            using var narrow = Uncertain(seed: 2, hidden: 8);
            ModelFile.Save(wide, wide.Tasks, FilePath);
            var before = Weights.Of(narrow);

            var error = Assert.Throws<ModelFileException>(() => ModelFile.LoadInto(narrow, narrow.Tasks, FilePath));

            Assert.Contains(FilePath, error.Message, StringComparison.Ordinal);
            Assert.Contains("'body.layers.0.weight': this model expects [8, 4] Float32, the file holds [16, 4] Float32", error.Message, StringComparison.Ordinal);
            Assert.Contains("saved from MultiTask.Tests.TinyNet (tasks Class (classification), Value (regression))", error.Message, StringComparison.Ordinal);
            Assert.Equal("MultiTask.Tests.TinyNet", error.SavedFrom);
            Assert.Equal(FilePath, error.FilePath);
            Assert.Equal(before, Weights.Of(narrow));
        }

        [Fact]
        public void Missing_and_extra_keys_are_named_and_change_nothing()
        {
            using var uncertain = Uncertain(seed: 1);
            torch.manual_seed(2);
            using var plain = new TinyNet();
            ModelFile.Save(uncertain, uncertain.Tasks, FilePath);
            var before = Weights.Of(plain);

            var extra = Assert.Throws<ModelFileException>(() => ModelFile.LoadInto(plain, plain.Tasks, FilePath));
            Assert.Contains("'lossWeighting.log_variances' ([2] Float32) is in the file but not in this model", extra.Message, StringComparison.Ordinal);
            Assert.Equal(before, Weights.Of(plain));

            ModelFile.Save(plain, plain.Tasks, FilePath);
            var uncertainBefore = Weights.Of(uncertain);
            var missing = Assert.Throws<ModelFileException>(() => ModelFile.LoadInto(uncertain, uncertain.Tasks, FilePath));
            Assert.Contains("'lossWeighting.log_variances' ([2] Float32) is missing from the file", missing.Message, StringComparison.Ordinal);
            Assert.Equal(uncertainBefore, Weights.Of(uncertain));
        }

        [Fact]
        public void Same_shapes_with_other_tasks_fail_on_the_fingerprint_and_change_nothing()
        {
            using var saved = Uncertain(seed: 1);
            using var other = Uncertain(seed: 2);
            ModelFile.Save(saved, saved.Tasks, FilePath);
            var before = Weights.Of(other);
            TaskDefinition[] renamed = [TinyNet.ClassTask, new RegressionTask("Price")];

            var error = Assert.Throws<ModelFileException>(() => ModelFile.LoadInto(other, renamed, FilePath));

            Assert.Contains("into MultiTask.Tests.TinyNet (tasks Class (classification), Price (regression))", error.Message, StringComparison.Ordinal);
            Assert.Contains("saved from MultiTask.Tests.TinyNet (tasks Class (classification), Value (regression)), a different declaration", error.Message, StringComparison.Ordinal);
            Assert.Equal(before, Weights.Of(other));
        }

        [Theory]
        [InlineData(0)]
        [InlineData(5)]
        [InlineData(12)]
        [InlineData(40)]
        [InlineData(0.5)]
        [InlineData(-33)]
        [InlineData(-1)]
        public void A_truncated_file_fails_naming_the_file_and_changes_nothing(double cut)
        {
            using var saved = Uncertain(seed: 1);
            using var target = Uncertain(seed: 2);
            ModelFile.Save(saved, saved.Tasks, FilePath);
            byte[] whole = File.ReadAllBytes(FilePath);
            int length = cut switch { < 0 => whole.Length + (int)cut, < 1 and > 0 => (int)(whole.Length * cut), _ => (int)cut };
            File.WriteAllBytes(FilePath, whole[..length]);
            var before = Weights.Of(target);

            var error = Assert.Throws<ModelFileException>(() => ModelFile.LoadInto(target, target.Tasks, FilePath));

            Assert.Contains($"The model file '{FilePath}' is truncated: {length} bytes", error.Message, StringComparison.Ordinal);
            if (error.SavedFrom is not null)
            {
                Assert.EndsWith("expected (saved from MultiTask.Tests.TinyNet).", error.Message, StringComparison.Ordinal);
            }

            Assert.Equal(before, Weights.Of(target));
        }

        [Theory]
        [InlineData(3, "is not a MultiTask model file")]
        [InlineData(8, "has format version")]
        [InlineData(60, "is corrupt: its header's checksum does not match the header")]
        [InlineData(0.75, "is corrupt: its checksum does not match its contents (saved from MultiTask.Tests.TinyNet)")]
        [InlineData(-1, "is corrupt: its checksum does not match its contents")]
        public void A_flipped_byte_fails_naming_the_file_and_changes_nothing(double position, string expected)
        {
            using var saved = Uncertain(seed: 1);
            using var target = Uncertain(seed: 2);
            ModelFile.Save(saved, saved.Tasks, FilePath);
            byte[] bytes = File.ReadAllBytes(FilePath);
            int index = position switch { < 0 => bytes.Length + (int)position, < 1 => (int)(bytes.Length * position), _ => (int)position };
            bytes[index] ^= 0x10;
            File.WriteAllBytes(FilePath, bytes);
            var before = Weights.Of(target);

            var error = Assert.Throws<ModelFileException>(() => ModelFile.LoadInto(target, target.Tasks, FilePath));

            Assert.Contains(FilePath, error.Message, StringComparison.Ordinal);
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
            Assert.Equal(before, Weights.Of(target));
        }

        [Fact]
        public void A_missing_file_is_a_model_file_error()
        {
            using var target = Uncertain(seed: 2);

            var error = Assert.Throws<ModelFileException>(() => ModelFile.LoadInto(target, target.Tasks, Path.Combine(folder, "none.mtl")));

            Assert.StartsWith($"Cannot read the model file '{Path.Combine(folder, "none.mtl")}'", error.Message, StringComparison.Ordinal);
            Assert.IsType<FileNotFoundException>(error.InnerException);
        }

        [Fact]
        public void Saving_replaces_the_file_and_leaves_no_temporary_file()
        {
            using var first = Uncertain(seed: 1);
            using var second = Uncertain(seed: 2);
            ModelFile.Save(first, first.Tasks, FilePath);
            ModelFile.Save(second, second.Tasks, FilePath);

            Assert.Equal([FilePath], Directory.GetFiles(folder));
            using var loaded = ModelFile.Load(Uncertain(seed: 3), second.Tasks, FilePath);
            Assert.Equal(Weights.Of(second), Weights.Of(loaded));
        }

        [Fact]
        public void A_save_that_fails_while_writing_leaves_the_previous_file_intact_and_no_temporary_file()
        {
            using var net = Uncertain(seed: 1);
            ModelFile.Save(net, net.Tasks, FilePath);
            byte[] previous = File.ReadAllBytes(FilePath);
            // A meta tensor has a shape but no data: writing its bytes fails after the header and the tensors before it.
            using var unreadable = new UnreadableNet();

            var error = Assert.ThrowsAny<Exception>(() => ModelFile.Save(unreadable, net.Tasks, FilePath));
            Assert.Contains("ModelFileWriter.WriteContents", error.StackTrace, StringComparison.Ordinal);

            Assert.Equal(previous, File.ReadAllBytes(FilePath));
            Assert.Equal([FilePath], Directory.GetFiles(folder));
        }

        [Fact]
        public void Saving_into_a_missing_folder_fails_naming_it_and_creates_nothing()
        {
            using var net = Uncertain(seed: 1);
            string missing = Path.Combine(folder, "missing");

            var error = Assert.Throws<ModelFileException>(() => ModelFile.Save(net, net.Tasks, Path.Combine(missing, "tiny.mtl")));

            Assert.Contains($"the folder '{missing}' does not exist", error.Message, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFileSystemEntries(folder));
        }

        [Fact]
        public void The_live_tensor_count_is_flat_across_save_and_load()
        {
            using var saved = Uncertain(seed: 1);
            using var target = Uncertain(seed: 2);
            ModelFile.Save(saved, saved.Tasks, FilePath);
            ModelFile.LoadInto(target, target.Tasks, FilePath);
            long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

            for (int i = 0; i < 3; i++)
            {
                ModelFile.Save(saved, saved.Tasks, FilePath);
                ModelFile.LoadInto(target, target.Tasks, FilePath);
                Assert.Throws<ModelFileException>(() => ModelFile.LoadInto(target, [TinyNet.ClassTask], FilePath));
            }

            Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        }

        [Fact]
        public void Buffers_of_every_dtype_round_trip_and_a_dtype_difference_is_named()
        {
            using var saved = new TypedNet(ScalarType.Int64);
            using var loaded = new TypedNet(ScalarType.Int64);
            using (torch.no_grad())
            {
                saved.state_dict()["counts"].copy_(torch.tensor(new long[] { long.MaxValue, -1, 3 }));
                saved.state_dict()["flags"].copy_(torch.tensor(new[] { true, false, true }));
                saved.state_dict()["precise"].copy_(torch.tensor(new[] { Math.PI, -Math.E }));
            }

            ModelFile.Save(saved, [], FilePath);
            ModelFile.LoadInto(loaded, [], FilePath);
            Assert.Equal(Weights.Of(saved), Weights.Of(loaded));

            using var narrower = new TypedNet(ScalarType.Int32);
            var before = Weights.Of(narrower);
            var error = Assert.Throws<ModelFileException>(() => ModelFile.LoadInto(narrower, [], FilePath));
            Assert.Contains("'counts': this model expects [3] Int32, the file holds [3] Int64", error.Message, StringComparison.Ordinal);
            Assert.Equal(before, Weights.Of(narrower));
        }

        /// <summary>A module with a float64 parameter and integer and bool buffers.</summary>
        private sealed class TypedNet : nn.Module
        {
            private readonly Parameter precise = new(torch.zeros(2, ScalarType.Float64));

            public TypedNet(ScalarType counts)
                : base(nameof(TypedNet))
            {
                register_buffer("counts", torch.zeros(3, counts));
                register_buffer("flags", torch.zeros(3, ScalarType.Bool));
                RegisterComponents();
            }
        }

        /// <summary>A module with one ordinary and one meta parameter (a shape without storage).</summary>
        private sealed class UnreadableNet : nn.Module
        {
            private readonly nn.Module<Tensor, Tensor> first = nn.Linear(2, 2);
            private readonly Parameter second = new(torch.empty(3, device: new Device(DeviceType.META)));

            public UnreadableNet()
                : base(nameof(UnreadableNet)) => RegisterComponents();
        }
    }

    /// <summary>Every state-dict tensor's raw bytes, for bit-for-bit comparisons.</summary>
    internal static class Weights
    {
        public static SortedDictionary<string, byte[]> Of(nn.Module module)
        {
            using var scope = torch.NewDisposeScope();
            var weights = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var (key, tensor) in module.state_dict())
            {
                var host = tensor.detach().cpu().contiguous();
                weights[key] = host.bytes.ToArray();
            }

            return weights;
        }
    }
}
