using System;

namespace MultiTask
{
    /// <summary>
    /// A model file or a checkpoint that cannot be written, or cannot be loaded into a model or resumed by a trainer: missing,
    /// truncated, corrupt, of another format version, of another architecture or optimizer. The message names the file and,
    /// when the file was readable, the declaration it was saved from; a failed load leaves the model's weights (and a failed
    /// resume the trainer) as they were.
    /// </summary>
    public sealed class ModelFileException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public ModelFileException(string path, string message, string? savedFrom = null, Exception? innerException = null)
            : base(message, innerException)
        {
            FilePath = path;
            SavedFrom = savedFrom;
        }

        /// <summary>The file's full path.</summary>
        public string FilePath { get; }

        /// <summary>The model type the file was saved from (its full name), when the file was readable.</summary>
        public string? SavedFrom { get; }
    }
}
