
namespace Warta.Web.Shared;

public static class ErrorPages
{
    public const string ServerError = """
        <!DOCTYPE html>
        <html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Maaf, terjadi gangguan</title><link rel="stylesheet" href="/css/site.css"></head>
        <body><main class="wrap"><section class="error-page"><h1>Maaf, terjadi gangguan</h1>
        <p>Halaman ini tidak dapat ditampilkan sekarang. Silakan coba lagi sebentar lagi.</p>
        <p><a href="/">Kembali ke beranda</a></p></section></main></body></html>
        """;
}
