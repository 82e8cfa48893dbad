using System.Linq;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.Tests
{
    public class BlocksTests
    {
        [Fact]
        public void Trunk_has_pinned_state_dict_keys_and_output_size()
        {
            using var trunk = new Trunk(8, [16, 4], Activation.GELU, dropout: 0.2, layerNorm: true);
            var keys = trunk.state_dict().Keys.OrderBy(k => k, System.StringComparer.Ordinal).ToArray();
            // Linear(0) LayerNorm(1) GELU(2) Dropout(3) Linear(4) LayerNorm(5) GELU(6) Dropout(7)
            Assert.Equal(
                ["layers.0.bias", "layers.0.weight", "layers.1.bias", "layers.1.weight", "layers.4.bias", "layers.4.weight", "layers.5.bias", "layers.5.weight"],
                keys);
            Assert.Equal(4, trunk.OutputSize);
            using var x = torch.randn(5, 8);
            using var y = trunk.forward(x);
            Assert.Equal([5L, 4L], y.shape);
        }

        [Fact]
        public void Trunk_without_norm_or_dropout_is_linear_then_activation()
        {
            using var trunk = new Trunk(3, [2], Activation.ReLU, dropout: 0, layerNorm: false);
            Assert.Equal(["layers.0.weight", "layers.0.bias"], trunk.state_dict().Keys.ToArray());
            using var noGrad = torch.no_grad();
            trunk.state_dict()["layers.0.weight"].copy_(torch.tensor(new float[,] { { 1, 0, 0 }, { -1, 0, 0 } }));
            trunk.state_dict()["layers.0.bias"].zero_();
            using var x = torch.tensor(new float[,] { { 2, 5, 5 } });
            using var y = trunk.forward(x);
            Assert.Equal([2f, 0f], TestTensors.Floats(y)); // relu(2), relu(-2)
        }

        [Theory]
        [InlineData(Activation.ReLU, -1.0, 0.0)]
        [InlineData(Activation.Tanh, 1.0, 0.7615942)]
        [InlineData(Activation.SiLU, 1.0, 0.7310586)]
        [InlineData(Activation.GELU, 1.0, 0.8413447)]
        public void Activations_compute_their_function(Activation activation, double input, double expected)
        {
            using var module = Activations.Create(activation);
            using var x = torch.tensor(new[] { (float)input });
            using var y = module.forward(x);
            Assert.Equal(expected, TestTensors.Floats(y)[0], 5);
        }

        [Fact]
        public void Head_with_one_output_returns_a_vector()
        {
            using var head = new Head(6, [4], 1, Activation.Tanh);
            Assert.Equal(["tower.0.weight", "tower.0.bias", "output.weight", "output.bias"], head.state_dict().Keys.ToArray());
            using var x = torch.randn(7, 6);
            using var y = head.forward(x);
            Assert.Equal([7L], y.shape);
        }

        [Fact]
        public void Head_without_tower_returns_all_outputs()
        {
            using var head = new Head(6, [], 5, Activation.ReLU);
            Assert.Equal(["output.weight", "output.bias"], head.state_dict().Keys.ToArray());
            using var x = torch.randn(3, 6);
            using var y = head.forward(x);
            Assert.Equal([3L, 5L], y.shape);
            Assert.False(x.IsInvalid);
        }

        [Fact]
        public void Dropout_is_active_in_training_only()
        {
            using var trunk = new Trunk(4, [64], Activation.ReLU, dropout: 0.5, layerNorm: false);
            using var x = torch.ones(2, 4);
            trunk.eval();
            using var a = trunk.forward(x);
            using var b = trunk.forward(x);
            Assert.Equal(TestTensors.Floats(a), TestTensors.Floats(b));
            trunk.train();
            using var c = trunk.forward(x);
            Assert.NotEqual(TestTensors.Floats(a), TestTensors.Floats(c));
        }
    }
}
