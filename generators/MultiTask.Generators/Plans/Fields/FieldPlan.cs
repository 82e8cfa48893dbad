using MultiTask.Generators.Emit;
using MultiTask.Generators.Model;
using static MultiTask.Generators.Emit.Emitter;

namespace MultiTask.Generators.Plans
{
    /// <summary>
    /// What one kind of input field adds to a generated model: its descriptor (a static field), its encoder module, the shape
    /// a batch of it holds and its column type. A new field kind is one plan here, its attribute and its runtime classes; no
    /// switch over the kinds outside <see cref="For"/>.
    /// </summary>
    internal abstract class FieldPlan(FieldInfo info)
    {
        public static FieldPlan For(FieldInfo field) => field switch
        {
            CategoricalFieldInfo categorical => new CategoricalFieldPlan(categorical),
            TokenSequenceFieldInfo tokens => new TokenSequenceFieldPlan(tokens),
            ImageFieldInfo image => new ImageFieldPlan(image),
            _ => new DenseFieldPlan((DenseFieldInfo)field),
        };

        public FieldInfo Field => info;

        /// <summary>The property (and member of <c>Features</c> and <c>Columns</c>).</summary>
        public string Property => Literals.Identifier(info.Name);

        /// <summary>The field holding the encoder, also its state-dict prefix.</summary>
        public string Module => Emitter.Field(info.Name);

        /// <summary>The static field holding the descriptor.</summary>
        public string Descriptor => info.Name + "Field";

        /// <summary>The encoder's runtime type, that of the property.</summary>
        public string EncoderType => Runtime + EncoderClass;

        /// <summary>What a batch of the field holds, for the docs.</summary>
        public abstract string Shape { get; }

        /// <summary>The type of the field's member of <c>Columns</c>.</summary>
        public abstract string ColumnType { get; }

        /// <summary>The encoder reads another field's parameters, so it is built after the others.</summary>
        public virtual bool ReadsAnotherField => false;

        /// <summary>The encoder's class without namespace.</summary>
        protected abstract string EncoderClass { get; }

        /// <summary>The descriptor's class without namespace.</summary>
        protected abstract string DescriptorClass { get; }

        /// <summary>The descriptor's constructor arguments after the name.</summary>
        protected abstract string DescriptorArguments { get; }

        /// <summary>The encoder's constructor arguments after the descriptor; empty for none.</summary>
        protected virtual string EncoderArguments => string.Empty;

        public void WriteDescriptor(IndentedWriter writer)
            => writer.Line($"private static readonly {Runtime}{DescriptorClass} {Descriptor} = new({Literals.String(info.Name)}, {DescriptorArguments});");

        public void WriteConstruction(IndentedWriter writer)
            => writer.Line($"{Module} = new {EncoderType}({Descriptor}{(EncoderArguments.Length == 0 ? string.Empty : ", " + EncoderArguments)});");
    }
}
