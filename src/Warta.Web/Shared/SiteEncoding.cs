using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Warta.Web.Shared;

/// <summary>
/// How the site encodes text into HTML: Indonesian text and the ticker's arrows go out as characters, not as numeric
/// entities. The views' encoder is made from <see cref="Settings"/>; markup built outside a view (a story card kept
/// between pages) is encoded with <see cref="Html"/>, so both write the same bytes.
/// </summary>
public static class SiteEncoding
{
    public static TextEncoderSettings Settings() => new(UnicodeRanges.All);

    public static readonly HtmlEncoder Html = HtmlEncoder.Create(Settings());
}
