using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Warta.Tests.Infrastructure;
using Warta.Web.Discovery.Search;

namespace Warta.Tests.Discovery.Search;

/// <summary>A fixed corpus, published through the newsroom API with fixed times, then taken in by the index.</summary>
public sealed class SearchCorpus : WartaFactory, IAsyncLifetime
{
    /// <summary>Words only the paid part of the premium story holds.</summary>
    public const string PaidMarker = "rahasiaberbayar";
    public const int PagedStories = 25;

    public Dictionary<string, Saved> Stories { get; } = [];

    public async Task InitializeAsync()
    {
        var api = await ApiClientAsync();
        await api.EnsureChannelAsync("ekonomi", "Ekonomi");
        await api.EnsureChannelAsync("pasar", "Pasar");
        var admin = await ApiClientAsync();
        (await admin.PutAsJsonAsync("/api/admin/instruments/BBCA", new { label = "Bank Central Asia", kind = "price", decimals = 0, unit = "Rp", order = 3 })).EnsureSuccessStatusCode();
        var now = Clock.GetUtcNow();

        await Add("headline", "Bank Mandiri Teken Kerjasama dengan Pertamina", "Kesepakatan diteken di Jakarta pada pagi hari.", now.AddDays(-3));
        await Add("body", "Pasar Saham Menguat Sore Ini", "Emiten perbankan bekerja sama dengan pemerintah untuk menyalurkan kredit.", now.AddDays(-1));
        await Add("old", "Harga Emas Antam Hari Ini", "Harga emas batangan dijual di butik logam mulia.", now.AddDays(-40));
        await Add("new", "Harga Emas Antam Hari Ini", "Harga emas batangan dijual di butik logam mulia.", now.AddDays(-2));
        await Add("investing", "Warga Muda Mulai Berinvestasi Reksa Dana", "Generasi muda makin rajin menabung.", now.AddDays(-5));
        await Add("investor", "Investor Asing Keluar dari Bursa", "Aksi jual investor asing menekan indeks.", now.AddDays(-4));
        await Add("opinion", "Menimbang Arah Suku Bunga", "Bank sentral perlu menimbang inflasi dan suku bunga acuan.", now.AddDays(-6), kind: "opinion", channel: "pasar");
        await Add("phrase", "Tarif Listrik Industri", "Suku cadang mesin impor naik, bunga kredit stabil.", now.AddDays(-6));
        await Add("ticker", "Saham BBCA Dibuka Menguat", "Saham BBCA naik pada pembukaan perdagangan.", now.AddDays(-7), channel: "pasar");
        await Add("hostile", "Kurs <b>Rupiah</b> & \"Dolar\" Hari Ini", "Rupiah melemah terhadap dolar AS.", now.AddDays(-8));
        var premium = Story("Strategi Dividen untuk Pemegang Saham Premium", "Dividen dibagikan setiap tahun.", now.AddDays(-9));
        premium["premium"] = true;
        // The first three paragraphs are free (Warta:Paywall:FreeParagraphs); the marker is only in the paid ones after them.
        premium["body"] = "<p>Dividen dibagikan setiap tahun.</p><p>Paragraf gratis kedua tentang dividen.</p><p>Paragraf gratis ketiga.</p>"
            + string.Concat(Enumerable.Range(1, 6).Select(i => $"<p>Dividen {PaidMarker} bagian {i} hanya untuk pelanggan.</p>"));
        Stories["premium"] = await api.PublishAsync(premium);
        for (var i = 1; i <= PagedStories; i++)
            await Add("paged" + i, $"Laporan Koperasi Nelayan Nomor {i:00}", "Koperasi nelayan mencatat hasil tangkapan.", now.AddHours(-i));

        await Services.GetRequiredService<SearchIndexer>().RunOnceAsync();

        async Task Add(string key, string title, string body, DateTimeOffset at, string kind = "news", string channel = "ekonomi") =>
            Stories[key] = await api.PublishAsync(Story(title, body, at, kind, channel));
    }

    public static Dictionary<string, object?> Story(string title, string body, DateTimeOffset at, string kind = "news", string channel = "ekonomi")
    {
        var story = NewsroomApi.Story(title, channel);
        story["body"] = $"<p>{System.Net.WebUtility.HtmlEncode(body)}</p>";
        story["summary"] = null;
        story["tags"] = Array.Empty<string>();
        story["kind"] = kind;
        if (kind == "opinion") story["columnist"] = new { name = "Rina Wibowo", role = "Ekonom" };
        story["publishedAt"] = at.ToString("O");
        return story;
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}
