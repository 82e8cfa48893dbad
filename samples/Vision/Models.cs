using MultiTask;

namespace Vision;

/// <summary>
/// Which digit and whether it is even, from the 8x8 image through the built-in convolutional trunk: two blocks (3x3
/// convolution, ReLU, 2x2 max pooling) of 16 and 32 channels leave 32 maps of 2x2, 128 features for the shared layer.
/// </summary>
[MultiTaskModel]
public partial class ConvolutionalDigits
{
    [Image(1, 8, 8, Convolutions = new[] { 16, 32 })] public partial ConvolutionalTrunk Pixels { get; }

    [SharedTrunk(64)] public partial Trunk Shared { get; }

    [ClassificationHead(Classes = 10)] public partial Head Digit { get; }
    [BinaryHead] public partial Head IsEven { get; }
}

/// <summary>The same tasks from the 64 pixels as one flat vector through an MLP trunk: the baseline.</summary>
[MultiTaskModel(InputSize = 64)]
public partial class MlpDigits
{
    [SharedTrunk(128, 64)] public partial Trunk Shared { get; }

    [ClassificationHead(Classes = 10)] public partial Head Digit { get; }
    [BinaryHead] public partial Head IsEven { get; }
}
