using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace Warta.Web.Shared;

/// <summary>
/// The writer pages are rendered into, with room for a whole page. MVC's own holds 16,384 characters and hands them to the
/// server each time it fills, and each handing-over is a chunk and a send on the socket: three or four for a 40 KB page,
/// which cost more than the encoding. With room for 65,536 characters a reader page leaves in one write when the view is
/// done. The buffers come from the shared pools and go back after the page.
/// </summary>
public sealed class PageWriterFactory : IHttpResponseStreamWriterFactory
{
    public const int BufferChars = 64 * 1024;

    public TextWriter CreateWriter(Stream stream, Encoding encoding) =>
        new HttpResponseStreamWriter(stream, encoding, BufferChars, ArrayPool<byte>.Shared, ArrayPool<char>.Shared);
}
