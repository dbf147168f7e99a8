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

    /// <summary>A signed-in staff member without the role a page needs (a writer opening the market admin pages).</summary>
    public const string Forbidden = """
        <!DOCTYPE html>
        <html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Akses ditolak</title><link rel="stylesheet" href="/css/site.css"></head>
        <body><main class="wrap"><section class="error-page"><h1>Akses ditolak</h1>
        <p>Halaman ini hanya untuk admin. Mintalah admin redaksi bila Anda memerlukannya.</p>
        <p><a href="/redaksi">Kembali ke meja redaksi</a></p></section></main></body></html>
        """;
}
