using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace MultiTask
{
    /// <summary>
    /// Checkpoints of a training run (docs/persistence.md): written by <see cref="CheckpointCallback{TMetrics}"/> or
    /// <see cref="EpochEnd{TMetrics}.SaveCheckpoint"/>, resumed by <c>trainer.Fit(train, validation, resumeFrom: path)</c>.
    /// </summary>
    public static class Checkpoint
    {
        /// <summary>The extension of checkpoint files.</summary>
        public const string Extension = ".mtlckpt";

        /// <summary>
        /// The checkpoint of the latest epoch in <paramref name="folder"/> (the <c>epoch-NNNN.mtlckpt</c> files a
        /// <see cref="CheckpointCallback{TMetrics}"/> writes), or null when there is none or the folder does not exist: what
        /// <c>resumeFrom</c> takes to resume a run when it was interrupted and to start it otherwise.
        /// </summary>
        public static string? Latest(string folder)
        {
            ArgumentException.ThrowIfNullOrEmpty(folder);
            return Directory.Exists(folder) ? EpochFiles(folder).LastOrDefault().Path : null;
        }

        /// <summary>The JSON header of the checkpoint at <paramref name="path"/>, indented, after the file's checks.</summary>
        /// <exception cref="ModelFileException">The file is missing, truncated or corrupt.</exception>
        public static string Describe(string path)
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            var (header, sections) = CheckpointFile.Read(Path.GetFullPath(path));
            CheckpointFile.Dispose(sections);
            return Encoding.UTF8.GetString(header.ToUtf8(indented: true));
        }

        /// <summary>The file name of epoch <paramref name="epoch"/>'s checkpoint: <c>epoch-0005.mtlckpt</c>.</summary>
        internal static string EpochFileName(int epoch) => string.Create(CultureInfo.InvariantCulture, $"epoch-{epoch:D4}{Extension}");

        /// <summary>The epoch checkpoints in <paramref name="folder"/>, by epoch.</summary>
        internal static IEnumerable<(int Epoch, string Path)> EpochFiles(string folder)
            => Directory.EnumerateFiles(folder, "epoch-*" + Extension)
                .Select(path => (Number: Path.GetFileNameWithoutExtension(path)["epoch-".Length..], Path: path))
                .Where(file => file.Number.All(char.IsAsciiDigit) && file.Number.Length > 0)
                .Select(file => (int.Parse(file.Number, CultureInfo.InvariantCulture), file.Path))
                .OrderBy(file => file.Item1);
    }
}
