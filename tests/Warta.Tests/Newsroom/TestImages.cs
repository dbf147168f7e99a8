using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace Warta.Tests.Newsroom;

/// <summary>Real small image files made in the test, and hostile ones made from them.</summary>
public static class TestImages
{
    public static byte[] Encode(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SteelBlue);
            using var paint = new SKPaint { Color = SKColors.Orange };
            canvas.DrawRect(0, 0, width / 2f, height / 4f, paint);
        }
        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>A JPEG carrying an EXIF block with orientation 6 (rotate 90° clockwise) and a camera-owner string.</summary>
    public static byte[] JpegWithExif(int width, int height)
    {
        var jpeg = Encode(width, height, SKEncodedImageFormat.Jpeg);
        var tiff = new List<byte>();
        tiff.AddRange("II*\0"u8.ToArray());
        tiff.AddRange(BitConverter.GetBytes(8));
        tiff.AddRange(BitConverter.GetBytes((short)2));
        tiff.AddRange(BitConverter.GetBytes((short)0x0112)); tiff.AddRange(BitConverter.GetBytes((short)3)); tiff.AddRange(BitConverter.GetBytes(1)); tiff.AddRange(BitConverter.GetBytes(6));
        var owner = Encoding.ASCII.GetBytes("OWNER-SECRET-LOCATION\0");
        tiff.AddRange(BitConverter.GetBytes((short)0x013B)); tiff.AddRange(BitConverter.GetBytes((short)2)); tiff.AddRange(BitConverter.GetBytes(owner.Length)); tiff.AddRange(BitConverter.GetBytes(8 + 2 + 24 + 4));
        tiff.AddRange(BitConverter.GetBytes(0));
        tiff.AddRange(owner);
        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var length = payload.Length + 2;
        var segment = new byte[] { 0xFF, 0xE1, (byte)(length >> 8), (byte)(length & 0xFF) }.Concat(payload);
        return jpeg.Take(2).Concat(segment).Concat(jpeg.Skip(2)).ToArray();
    }

    /// <summary>
    /// A GIF of two colours (SkiaSharp writes no GIF). Each pixel is sent as a clear code followed by its colour index,
    /// which keeps the LZW code width at 3 bits and the file valid without a real compressor.
    /// </summary>
    public static byte[] Gif(int width, int height)
    {
        var gif = new List<byte>();
        gif.AddRange("GIF89a"u8.ToArray());
        gif.AddRange(BitConverter.GetBytes((ushort)width)); gif.AddRange(BitConverter.GetBytes((ushort)height));
        gif.AddRange([0x80, 0, 0]); // global colour table of 2 entries
        gif.AddRange([0xD0, 0x30, 0x30, 0x20, 0x60, 0xC0]);
        gif.Add(0x2C); gif.AddRange(new byte[4]); gif.AddRange(BitConverter.GetBytes((ushort)width)); gif.AddRange(BitConverter.GetBytes((ushort)height)); gif.Add(0);
        const int minCodeSize = 2, clear = 4, end = 5;
        gif.Add(minCodeSize);
        var bits = new List<bool>();
        void Code(int code) { for (var b = 0; b < 3; b++) bits.Add(((code >> b) & 1) == 1); }
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            Code(clear);
            Code(x < width / 2 ? 0 : 1);
        }
        Code(end);
        var packed = new byte[(bits.Count + 7) / 8];
        for (var i = 0; i < bits.Count; i++) if (bits[i]) packed[i / 8] |= (byte)(1 << (i % 8));
        foreach (var block in packed.Chunk(255)) { gif.Add((byte)block.Length); gif.AddRange(block); }
        gif.Add(0);
        gif.Add(0x3B);
        return [.. gif];
    }

    /// <summary>
    /// A decompression bomb: a real small PNG whose header is rewritten to claim <paramref name="width"/>×<paramref name="height"/>
    /// pixels (with a correct checksum), so only a decoder that trusts the header would try to allocate them.
    /// </summary>
    public static byte[] PngClaiming(int width, int height)
    {
        var png = Encode(16, 16, SKEncodedImageFormat.Png);
        // Signature (8), IHDR length (4), "IHDR" (4), then width and height.
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), height);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc32(png.AsSpan(12, 17)));
        return png;
    }

    static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
