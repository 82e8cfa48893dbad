namespace MultiTask
{
    /// <summary>
    /// The byte layout of a model file (docs/persistence.md), every integer little-endian: the 8-byte magic <c>MTLMODEL</c>, the
    /// format version (int32), the header's length (int32), the UTF-8 JSON header (<see cref="ModelFileHeader"/>), a SHA-256
    /// of the header, each tensor's raw bytes in the header's order, and a SHA-256 of everything before it. A checkpoint has
    /// the same layout with its own magic and header (<see cref="FileKind"/>).
    /// </summary>
    internal static class ModelFileLayout
    {
        public const int FormatVersion = 1;

        public const int ChecksumLength = 32;

        /// <summary>The magic, the version and the header length.</summary>
        public const int PrefixLength = 16;
    }
}
