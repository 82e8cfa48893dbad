using System;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// The encoder of a <c>[Categorical]</c> field: an embedding table of <c>[vocabulary + 1, width]</c> rows, the last reserved for
    /// ids outside the vocabulary (zero, and never trained: it is the table's padding row); hashed ids read row
    /// <c>id mod buckets</c>; a multi-valued field's present ids are pooled (a row with none gives zeros). A field that shares
    /// another's table reads the owner's table and holds no parameter of its own.
    /// </summary>
    public sealed class CategoricalEmbedding : nn.Module<Tensor, Tensor>
    {
        // Null in a field that reads another's table: a module field would register the shared table twice.
        private readonly Embedding? table;
        private readonly Func<Embedding> shared;

        /// <summary>The encoder of <paramref name="field"/> with its own table (state-dict key <c>table.weight</c>).</summary>
        public CategoricalEmbedding(CategoricalField field)
            : base(nameof(CategoricalEmbedding))
        {
            ArgumentNullException.ThrowIfNull(field);
            Field = field;
            long reserved = field.Vocabulary;
            table = nn.Embedding(field.Vocabulary + 1, field.Width, padding_idx: reserved);
            Embedding own = table;
            shared = () => own;
            RegisterComponents();
        }

        /// <summary>The encoder of <paramref name="field"/> reading the table of <paramref name="owner"/> (e.g. a clicked and a candidate item).</summary>
        /// <exception cref="ArgumentException"><paramref name="owner"/> reads another's table itself, or its vocabulary, width or hashing differ.</exception>
        public CategoricalEmbedding(CategoricalField field, CategoricalEmbedding owner)
            : base(nameof(CategoricalEmbedding))
        {
            ArgumentNullException.ThrowIfNull(field);
            ArgumentNullException.ThrowIfNull(owner);
            if (!owner.OwnsTable)
            {
                throw new ArgumentException($"Field '{field.Name}' cannot share the table of '{owner.Field.Name}', which reads another field's table itself.", nameof(owner));
            }

            CategoricalField source = owner.Field;
            if (source.Vocabulary != field.Vocabulary || source.Width != field.Width || source.Hashed != field.Hashed)
            {
                throw new ArgumentException($"Field '{field.Name}' shares the table of '{source.Name}' ({source.Vocabulary} {(source.Hashed ? "buckets" : "ids")}, width {source.Width}) but declares {field.Vocabulary} {(field.Hashed ? "buckets" : "ids")}, width {field.Width}.", nameof(field));
            }

            Field = field;
            shared = owner.shared;
            RegisterComponents();
        }

        /// <summary>The field it reads.</summary>
        public CategoricalField Field { get; }

        /// <summary>Whether the table is this module's own (a parameter of it) rather than another field's.</summary>
        public bool OwnsTable => table is not null;

        /// <summary>The table, <c>[vocabulary + 1, width]</c>: its own or the one it shares.</summary>
        public Embedding Table => shared();

        /// <summary>The table rows <paramref name="ids"/> read: the id itself, <c>id mod buckets</c> when hashed, the reserved row for an unknown id or an empty slot.</summary>
        public Tensor Rows(Tensor ids)
        {
            Field.Check(ids, nameof(CategoricalEmbedding));
            if (!Field.MultiValued)
            {
                return TableRows(ids, present: null);
            }

            using var present = ids.ne(-1);
            return TableRows(ids, present);
        }

        /// <summary><see cref="Rows"/> of checked ids, empty slots (where <paramref name="present"/> is false) to the reserved row.</summary>
        private Tensor TableRows(Tensor ids, Tensor? present)
        {
            using var scope = NewDisposeScope();
            long reserved = Field.Vocabulary;
            Tensor rows;
            if (Field.Hashed)
            {
                rows = ids.remainder(reserved);
            }
            else
            {
                // One clamp and one in-place fill: the fewest small tensors per field and step.
                rows = ids.clamp_max(reserved);
                using var negative = ids.lt(0);
                rows.masked_fill_(negative, reserved);
            }

            if (present is not null)
            {
                rows = rows.where(present, reserved);
            }

            return rows.MoveToOuterDisposeScope();
        }

        /// <summary>
        /// Whether every id of a single-valued, unhashed field on the CPU is its own table row (none unknown), checked by one
        /// <c>aminmax</c>: the embedding then reads the ids as they are, with no mapped copy kept for the backward pass. On
        /// another device the mapping runs unchecked, as reading the bounds back would wait for the device.
        /// </summary>
        private bool ReadsItsOwnRows(Tensor ids)
        {
            if (Field.Hashed || ids.device_type != DeviceType.CPU || ids.numel() == 0)
            {
                return false;
            }

            var (min, max) = ids.aminmax();
            using (min)
            using (max)
            {
                return min.item<long>() >= 0 && max.item<long>() < Field.Vocabulary;
            }
        }

        /// <summary>float32 <c>[N, width]</c>: each row's embedding, pooled over a multi-valued row's present ids.</summary>
        public override Tensor forward(Tensor input)
        {
            Field.Check(input, nameof(CategoricalEmbedding));
            if (!Field.MultiValued)
            {
                if (ReadsItsOwnRows(input))
                {
                    return Table.forward(input);
                }

                using var rows = TableRows(input, present: null);
                return Table.forward(rows);
            }

            using var scope = NewDisposeScope();
            var present = input.ne(-1);
            var embedded = Table.forward(TableRows(input, present));
            var counts = present.sum(1, keepdim: true, type: ScalarType.Float32);
            var pooled = Field.Pooling switch
            {
                Pooling.Sum => embedded.sum(1),
                Pooling.Max => embedded.masked_fill(present.logical_not().unsqueeze(-1), float.NegativeInfinity).amax(1).where(counts.gt(0), 0f),
                _ => embedded.sum(1).div(counts.clamp_min(1)),
            };
            return pooled.MoveToOuterDisposeScope();
        }
    }
}
