using System;

namespace MultiTask
{
    /// <summary>Bad task data (shape, dtype, label range); the message starts with <c>Task 'Name': </c>.</summary>
    public sealed class TaskDataException : ArgumentException
    {
        /// <summary>Creates the exception.</summary>
        public TaskDataException(string message)
            : base(message)
        {
        }

        /// <summary>Creates the exception with the error that revealed the problem.</summary>
        public TaskDataException(string message, Exception innerException)
            : base(message, innerException)
        {
        }
    }
}
