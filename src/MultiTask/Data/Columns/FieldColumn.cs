namespace MultiTask
{
    /// <summary>One input field of a model and where a data file holds it.</summary>
    /// <param name="Field">The field.</param>
    /// <param name="Column">Its column(s): <see cref="InputColumns"/> for a dense or image field, a <see cref="CategoryColumn"/> or a <see cref="TextColumn"/>.</param>
    public sealed record FieldColumn(InputField Field, object Column);
}
