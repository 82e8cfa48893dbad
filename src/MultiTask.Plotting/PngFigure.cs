using System;
using System.Collections.Generic;
using System.IO;
using ScottPlot;
using SkiaSharp;

namespace MultiTask.Plotting
{
    /// <summary>Renders plots to a PNG file: one plot, or panels side by side or in a grid on one canvas.</summary>
    internal static class PngFigure
    {
        public static string Single(Plot plot, int width, int height, string path)
        {
            CheckSize(width, height);
            var full = Prepare(path);
            plot.SavePng(full, width, height);
            return full;
        }

        public static string SideBySide(IReadOnlyList<Plot> panels, int panelWidth, int height, string path) => Grid(panels, panels.Count, panelWidth, height, path);

        /// <summary>The panels row by row, <paramref name="columns"/> to a row.</summary>
        public static string Grid(IReadOnlyList<Plot> panels, int columns, int panelWidth, int height, string path)
        {
            CheckSize(panelWidth, height);
            var full = Prepare(path);
            columns = Math.Max(1, Math.Min(columns, panels.Count));
            var rows = (panels.Count + columns - 1) / columns;
            using var surface = SKSurface.Create(new SKImageInfo(panelWidth * columns, height * Math.Max(rows, 1)));
            surface.Canvas.Clear(SKColors.White);
            for (var i = 0; i < panels.Count; i++)
            {
                using var bitmap = SKBitmap.Decode(panels[i].GetImageBytes(panelWidth, height, ImageFormat.Png));
                surface.Canvas.DrawBitmap(bitmap, i % columns * panelWidth, i / columns * height);
            }

            using var image = surface.Snapshot();
            using var png = image.Encode(SKEncodedImageFormat.Png, 100);
            using var file = File.Create(full);
            png.SaveTo(file);
            return full;
        }

        private static void CheckSize(int width, int height)
        {
            if (width <= 0 || height <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(width), $"A figure needs a positive size; got {width} x {height}.");
            }
        }

        private static string Prepare(string path)
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            var full = Path.GetFullPath(path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            return full;
        }
    }
}
