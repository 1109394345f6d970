using System.Buffers.Binary;
using System.IO.Compression;

namespace NangSuat.Trace.Api.Tests.Infrastructure;

/// <summary>Reads back the 1-bit grayscale PNGs the label writer makes, to measure quiet zones and module counts.</summary>
public static class Png
{
    public static (int Width, bool[][] DarkRows) ReadMonochrome(byte[] png)
    {
        var width = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16));
        var height = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20));
        Assert.Equal((1, 0), (png[24], png[25])); // bit depth 1, grayscale
        using var data = new MemoryStream();
        for (var offset = 8; offset < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            if (png.AsSpan(offset + 4, 4).SequenceEqual("IDAT"u8))
            {
                data.Write(png, offset + 8, length);
            }

            offset += length + 12;
        }

        data.Position = 0;
        using var zlib = new ZLibStream(data, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        var bytes = raw.ToArray();
        var stride = (width + 7) / 8 + 1;
        var rows = new bool[height][];
        for (var y = 0; y < height; y++)
        {
            Assert.Equal(0, bytes[y * stride]); // filter type none
            rows[y] = Enumerable.Range(0, width).Select(x => (bytes[y * stride + 1 + x / 8] & (0x80 >> (x % 8))) == 0).ToArray();
        }

        return (width, rows);
    }
}
