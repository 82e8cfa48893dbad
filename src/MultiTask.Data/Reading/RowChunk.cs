using System;

namespace MultiTask.Data.Reading
{
    /// <summary>Up to <see cref="Capacity"/> consecutive rows of a file, as its <see cref="ReadPlan"/> asks for them.</summary>
    internal sealed class RowChunk
    {
        public RowChunk(ReadPlan plan, int capacity)
        {
            Plan = plan;
            Capacity = capacity;
            Lines = new long[capacity];
            Features = new float[capacity * plan.Features.Length];
            Numbers = Array.ConvertAll(plan.Numbers, _ => new float[capacity]);
            Texts = Array.ConvertAll(plan.Texts, _ => new string?[capacity]);
            Cells = Array.ConvertAll(plan.Cells, _ => new string?[capacity]);
        }

        public ReadPlan Plan { get; }

        public int Capacity { get; }

        /// <summary>Rows held.</summary>
        public int Count { get; set; }

        /// <summary>The zero-based data row of the first row held.</summary>
        public long FirstRow { get; set; }

        /// <summary>
        /// Per row, the 1-based line of a text file where it starts (the header is line 1; a quoted field that spans lines makes
        /// its row span them), or the 1-based row of a Parquet file.
        /// </summary>
        public long[] Lines { get; }

        /// <summary>Row-major <c>[Count, features]</c>.</summary>
        public float[] Features { get; }

        /// <summary>Per numeric slot, a value per row (NaN: missing).</summary>
        public float[][] Numbers { get; }

        /// <summary>Per text slot, a value per row (null: missing).</summary>
        public string?[][] Texts { get; }

        /// <summary>Per field cell slot, a value per row (null: missing).</summary>
        public string?[][] Cells { get; }
    }
}
