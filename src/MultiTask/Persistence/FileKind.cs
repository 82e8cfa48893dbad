using System.Text;

namespace MultiTask
{
    /// <summary>
    /// One of the runtime's files in the model file's layout (<see cref="ModelFileLayout"/>): its 8-byte magic, its format
    /// version and the noun its messages use.
    /// </summary>
    /// <param name="Magic">The first 8 bytes, ASCII.</param>
    /// <param name="FormatVersion">The version this library writes and reads.</param>
    /// <param name="Noun">What a message calls the file: <c>model file</c>, <c>checkpoint</c>.</param>
    /// <param name="Contents">What a message says is saved: <c>the model</c>, <c>the checkpoint</c>.</param>
    internal sealed record FileKind(string Magic, int FormatVersion, string Noun, string Contents)
    {
        public static readonly FileKind Model = new("MTLMODEL", ModelFileLayout.FormatVersion, "model file", "the model");

        public static readonly FileKind Checkpoint = new("MTLCHKPT", 1, "checkpoint", "the checkpoint");

        public byte[] MagicBytes => Encoding.ASCII.GetBytes(Magic);
    }
}
