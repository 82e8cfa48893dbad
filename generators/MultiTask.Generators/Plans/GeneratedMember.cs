namespace MultiTask.Generators.Plans
{
    /// <summary>
    /// A member the generated code declares beside those derived from a trunk or head name: what the emitter writes, and what
    /// the name checks compare the user's names with (MTL0010 for a trunk or head, MTL0014 for a member the user wrote).
    /// </summary>
    /// <param name="Name">The member's name as emitted.</param>
    /// <param name="Scope">Where it is declared, which says what of a trunk or head it meets.</param>
    /// <param name="Reason">Why a trunk or head that meets it collides, for MTL0010.</param>
    /// <param name="Emitted">How MTL0014 names a member of the model; null for the others, which a user's member of the model never meets.</param>
    /// <param name="Parameters">A method's parameter count (a user's method with another count is an overload, not a collision); null for other members.</param>
    internal sealed record GeneratedMember(string Name, MemberScope Scope, string Reason, string? Emitted, int? Parameters = null)
    {
        /// <summary>A field, property or nested type of the model.</summary>
        public static GeneratedMember OfModel(string name, string emitted)
            => new(name, MemberScope.Model, $"the generated model already has a member '{name}'", emitted);

        /// <summary>A method of the model with <paramref name="signature"/>, e.g. <c>Represent(Tensor)</c>.</summary>
        public static GeneratedMember Method(string name, int parameters, string signature)
            => new(name, MemberScope.Model, $"the generated model already has a member '{name}'", $"the method '{signature}'", parameters);

        /// <summary>A member of the nested record <paramref name="record"/>, which has a member per head too.</summary>
        public static GeneratedMember OfRecord(string name, string record)
            => new(name, MemberScope.Record, $"the generated record '{record}' already has a member '{name}'", null);

        /// <summary>True when a trunk or head named <paramref name="name"/>, held in the field <paramref name="field"/>, meets this member.</summary>
        public bool Meets(string name, string field) => Scope switch
        {
            MemberScope.Model => Name == name || Name == field,
            MemberScope.Record => Name == name,
            _ => Name == field,
        };
    }

    /// <summary>Where a generated member is declared.</summary>
    internal enum MemberScope
    {
        /// <summary>In the model, beside each trunk's and head's property and field.</summary>
        Model,

        /// <summary>In a nested record or class with a member per head (<c>Losses</c>, <c>Targets</c>, <c>TrainingOptions</c> ...).</summary>
        Record,

        /// <summary>A parameter of a generated method with a parameter per head, named after the head's field (<c>Batch.From</c>).</summary>
        Parameter,
    }
}
