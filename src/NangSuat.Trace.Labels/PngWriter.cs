using System.Buffers.Binary;
using System.IO.Compression;

namespace NangSuat.Trace.Labels;

/// <summary>A minimal PNG encoder for 1-bit black-and-white images (no System.Drawing needed).</summary>
public static class PngWriter
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    public static byte[] Monochrome(int width, int height, Func<int, int, bool> isBlack) =>
        Monochrome(width, height, y => y, isBlack);

    /// <summary>
    /// As above, where rows with the same <paramref name="sourceRow"/> are identical (a QR module row
    /// drawn several pixels tall, every row of a linear symbol): each distinct row is computed once.
    /// </summary>
    public static byte[] Monochrome(int width, int height, Func<int, int> sourceRow, Func<int, int, bool> isBlack)
    {
        var stride = (width + 7) / 8;
        var raw = new byte[(stride + 1) * height];
        var previousSource = -1;
        for (var y = 0; y < height; y++)
        {
            var row = y * (stride + 1); // first byte of each row: filter type 0
            var source = sourceRow(y);
            if (source == previousSource)
            {
                Array.Copy(raw, row - stride - 1, raw, row, stride + 1);
                continue;
            }

            previousSource = source;
            for (var x = 0; x < width; x++)
            {
                // Grayscale bit depth 1: a set bit is white.
                if (!isBlack(x, y))
                {
                    raw[row + 1 + x / 8] |= (byte)(0x80 >> (x % 8));
                }
            }
        }

        using var png = new MemoryStream();
        png.Write(Signature);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 1; // bit depth
        header[9] = 0; // grayscale
        WriteChunk(png, "IHDR"u8, header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                zlib.Write(raw);
            }

            WriteChunk(png, "IDAT"u8, compressed.ToArray());
        }

        WriteChunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream png, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        png.Write(type);
        png.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(number, ~Crc32(Crc32(0xFFFFFFFFu, type), data));
        png.Write(number);
    }

    // CRC-32 (ISO-HDLC polynomial, reflected) as PNG chunks require; no hashing package is available here.
    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++)
        {
            c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }

        return c;
    }).ToArray();

    private static uint Crc32(uint crc, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }
}
