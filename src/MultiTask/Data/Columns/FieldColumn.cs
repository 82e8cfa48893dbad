using System;

namespace MultiTask
{
    /// <summary>
    /// One input field of a model and where its values are in a file: an <see cref="InputColumns"/> for a dense or an image field,
    /// a <see cref="CategoryColumn"/> for a categorical field, a <see cref="TextColumn"/> for a token sequence.
    /// </summary>
    /// <param name="Field">The field.</param>
    /// <param name="Column">Its column(s).</param>
    public sealed record FieldColumn(InputField Field, object Column)
    {
        /// <summary>The field.</summary>
        public InputField Field { get; init; } = Field ?? throw new ArgumentNullException(nameof(Field));

        /// <summary>Its column(s): an <see cref="InputColumns"/>, a <see cref="CategoryColumn"/> or a <see cref="TextColumn"/>.</summary>
        public object Column { get; init; } = Column is InputColumns or CategoryColumn or TextColumn
            ? Column
            : throw new ArgumentException($"Field '{Field?.Name}': give its column as an InputColumns, a CategoryColumn or a TextColumn, not {Column?.GetType().Name ?? "null"}.", nameof(Column));
    }
}
