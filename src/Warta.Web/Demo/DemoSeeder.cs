using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Academy;
using Warta.Web.Markets;
using Warta.Web.Newsroom;
using Warta.Web.Shared;
using Warta.Web.Accounts.Staff;
using Warta.Web.Content;
using Warta.Web.Promos;
using Warta.Web.Data;

namespace Warta.Web.Demo;

/// <summary>One demo story as written in <c>Data/Demo/articles-*.json</c>.</summary>
public sealed class DemoArticle
{
    public required string Key { get; set; }
    public required string Channel { get; set; }
    public required string Kind { get; set; }
    public required string Title { get; set; }
    public List<string> Tags { get; set; } = [];
    public string? Source { get; set; }
    public List<string> Reporters { get; set; } = [];
    public string? Editor { get; set; }
    public ColumnistInput? Columnist { get; set; }
    public string? Dateline { get; set; }
    public string? Summary { get; set; }
    public string Image { get; set; } = "skyline";
    public string? Caption { get; set; }
    public string? Credit { get; set; }
    public double HoursAgo { get; set; }
    public bool Premium { get; set; }
    public List<string>? Related { get; set; }
    public List<string> Body { get; set; } = [];

    public void Rebrand(string brand)
    {
        if (brand == "WARTA") return;
        static string? Swap(string? text, string name) => text is null ? null : System.Text.RegularExpressions.Regex.Replace(text, @"\bWARTA\b", name);
        Title = Swap(Title, brand)!;
        Summary = Swap(Summary, brand);
        Credit = Swap(Credit, brand);
        Caption = Swap(Caption, brand);
        Body = Body.Select(p => Swap(p, brand)!).ToList();
    }
}

public sealed record Credentials(string Email, string Password);

public sealed class DemoSeeder(
    WartaDb db, UserManager<StaffUser> users, RoleManager<IdentityRole> roles, IServiceProvider services, TimeProvider clock,
    ILogger<DemoSeeder> logger)
{
    public static readonly (string Slug, string Name)[] Channels =
    [
        ("ekonomi", "Ekonomi"), ("keuangan", "Keuangan"), ("investasi", "Investasi"), ("bisnis", "Bisnis"), ("industri", "Industri"),
        ("properti", "Properti"), ("nasional", "Nasional"), ("internasional", "Internasional"), ("kolom", "Kolom"),
    ];

    public static string NewPassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', 'x').Replace('/', 'y').TrimEnd('=');

    public async Task EnsureRolesAsync()
    {
        foreach (var role in StaffRoles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
    }

    /// <summary>Creates the first admin when there is no staff account yet; returns the credentials to print once.</summary>
    public async Task<Credentials?> CreateFirstAdminAsync()
    {
        await EnsureRolesAsync();
        if (await db.Users.AnyAsync()) return null;
        var password = NewPassword();
        await AddUserAsync("admin@warta.local", "Admin Redaksi", StaffRoles.Admin, password);
        return new Credentials("admin@warta.local", password);
    }

    public async Task<StaffUser> AddUserAsync(string email, string name, string role, string password)
    {
        await EnsureRolesAsync();
        var normalizedRole = StaffRoles.All.FirstOrDefault(r => r.Equals(role, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"Role must be one of: {string.Join(", ", StaffRoles.All).ToLowerInvariant()}.");
        var user = new StaffUser { UserName = email, Email = email, DisplayName = name, EmailConfirmed = true, LockoutEnabled = true };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded) throw new ArgumentException(string.Join(" ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, normalizedRole);
        return user;
    }

    static readonly JsonSerializerOptions DemoJson = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip };

    public static List<DemoArticle> LoadArticles()
    {
        var assembly = typeof(DemoSeeder).Assembly;
        var list = new List<DemoArticle>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.Contains(".Demo.articles", StringComparison.Ordinal)).Order())
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            list.AddRange(JsonSerializer.Deserialize<List<DemoArticle>>(stream, DemoJson) ?? []);
        }
        return list;
    }

    /// <summary>
    /// Seeds channels, instruments with quotes, courses, promos and the demo stories; with <paramref name="extraArticles"/>, that many
    /// more generated from them (for benchmarks), written story by story through <see cref="ArticleWriter"/> or, with
    /// <paramref name="bulk"/>, in batches by <see cref="BulkStories"/>.
    /// </summary>
    public async Task SeedAsync(int extraArticles, bool bulk = false, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var alreadySeeded = await db.Articles.AnyAsync(cancellationToken);
        if (!alreadySeeded)
        {
            await SeedChannelsAsync();
            await SeedMarketsAsync(now);
            await SeedCoursesAsync(now);
            await SeedPromosAsync(now);
        }
        if (!await db.Plans.AnyAsync(cancellationToken)) await SeedPlansAsync();

        var demo = LoadArticles();
        // The demo's stories and promos speak of the publication as WARTA; a site configured with another name gets its own.
        var brand = services.GetRequiredService<Warta.Web.Shared.SiteOptions>().Brand;
        foreach (var item in demo) item.Rebrand(brand);
        var images = new Dictionary<(string, int), Guid>();
        var media = services.GetRequiredService<MediaLibrary>();
        // A photo is captioned (and credited) as the first story that uses it captions it, so the library finds it by those words.
        async Task<Guid> ImageAsync(string theme, int variant, DemoArticle? firstUse = null)
        {
            theme = DemoImages.Themes.Contains(theme) ? theme : "skyline";
            if (images.TryGetValue((theme, variant), out var id)) return id;
            using var png = new MemoryStream(DemoImages.Draw(theme, variant));
            var m = await media.ImportAsync(png, $"{theme}-{variant}.jpg", png.Length, firstUse?.Caption, firstUse?.Credit, DemoImages.Describe(theme), renditionsOnDemand: true);
            return images[(theme, variant)] = m.Id;
        }

        var writer = services.GetRequiredService<ArticleWriter>();
        if (!alreadySeeded)
        {
            var ids = new Dictionary<string, Guid>();
            var ages = new List<(Guid Id, double HoursAgo)>();
            // One transaction for the whole demo: a durable commit per story would cost a disk flush each.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // Oldest first, so editor picks (which must exist) can point back to earlier stories.
            foreach (var (item, index) in demo.Select((d, i) => (d, i)).OrderByDescending(x => x.d.HoursAgo))
            {
                var related = (item.Related ?? []).Where(ids.ContainsKey).Select(k => ids[k]).ToList();
                var input = ToInput(item, await ImageAsync(item.Image, index % 3, item), now.AddHours(-item.HoursAgo), related);
                var (saved, errors) = await writer.SaveAsync(null, input);
                if (saved is null) throw new InvalidOperationException($"Demo article {item.Key} was refused: {errors}");
                ids[item.Key] = saved.Id;
                ages.Add((saved.Id, item.HoursAgo));
            }
            SeedReads(ages, now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Seeded {Count} demo articles", demo.Count);
        }

        if (extraArticles > 0)
        {
            // Generated stories reuse the demo's photos rather than drawing new ones.
            // In a fixed order (by file name), so one seed gives the same stories the same photos on either database.
            var photos = await db.Media.Where(m => db.Articles.Any(a => a.ImageId == m.Id)).OrderBy(m => m.FileName).ThenBy(m => m.Id)
                .Select(m => m.Id).ToListAsync(cancellationToken);
            async Task<Guid> Reuse(string theme, int variant) => photos.Count > 0 ? photos[Math.Abs(HashCode.Combine(theme, variant)) % photos.Count] : await ImageAsync(theme, variant);
            await SeedExtraAsync(demo, extraArticles, now, Reuse, bulk, cancellationToken);
        }
    }

    static ArticleInput ToInput(DemoArticle item, Guid imageId, DateTimeOffset publishedAt, List<Guid> related) => new()
    {
        Title = item.Title, Channel = item.Channel, Kind = item.Kind == "opinion" ? ArticleKind.Opinion : ArticleKind.News,
        Tags = item.Tags, Source = item.Source, Reporters = item.Reporters, Editor = item.Editor, Columnist = item.Columnist,
        Dateline = item.Dateline, Summary = item.Summary,
        Image = new ImageInput { MediaId = imageId, Caption = item.Caption, Credit = item.Credit },
        Body = string.Concat(item.Body.Select(p => p.Trim() == "---" ? StaffHtml.PageBreak : "<p>" + System.Net.WebUtility.HtmlEncode(p) + "</p>")),
        Related = related, Premium = item.Premium, PublishedAt = publishedAt, Status = ArticleStatus.Published,
    };

    /// <summary>Generated stories: one demo story's paragraphs with a few of another's, published at times spread over three years.</summary>
    async IAsyncEnumerable<ArticleInput> GeneratedAsync(List<DemoArticle> demo, int count, DateTimeOffset now, Func<string, int, Task<Guid>> image,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var random = new Random(20260501);
        var existing = await db.Articles.CountAsync(cancellationToken);
        for (var i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var source = demo[random.Next(demo.Count)];
            var other = demo[random.Next(demo.Count)];
            // A plausible story of ordinary length: one demo story's paragraphs with a few of another's, no page breaks.
            var paragraphs = source.Body.Where(p => p != "---").Take(8).Concat(other.Body.Where(p => p != "---").Take(3)).ToList();
            var item = new DemoArticle
            {
                Key = "x" + i, Channel = source.Channel, Kind = source.Kind, Title = $"{source.Title} ({existing + i + 1})", Tags = source.Tags,
                Source = source.Source, Reporters = source.Reporters, Editor = source.Editor, Columnist = source.Columnist,
                Dateline = source.Dateline, Summary = source.Summary, Image = source.Image, Caption = source.Caption, Credit = source.Credit,
                Premium = source.Premium, Body = paragraphs,
            };
            yield return ToInput(item, await image(item.Image, i % 7), now.AddMinutes(-random.Next(60, 60 * 24 * 365 * 3)), []);
        }
    }

    async Task SeedExtraAsync(List<DemoArticle> demo, int count, DateTimeOffset now, Func<string, int, Task<Guid>> image, bool bulk, CancellationToken cancellationToken)
    {
        var stories = GeneratedAsync(demo, count, now, image, cancellationToken);
        if (bulk)
        {
            var written = await new BulkStories(db, services.GetRequiredService<StaffHtml>(), clock, logger).WriteAsync(stories, count, cancellationToken);
            logger.LogInformation("Generated {Count} articles in bulk", written);
            return;
        }
        var writer = services.GetRequiredService<ArticleWriter>();
        Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? batch = null;
        var i = 0;
        await foreach (var input in stories)
        {
            batch ??= await db.Database.BeginTransactionAsync(cancellationToken);
            var (saved, errors) = await writer.SaveAsync(null, input);
            if (saved is null) throw new InvalidOperationException($"Generated article {i} was refused: {errors}");
            db.ChangeTracker.Clear();
            if (++i % 500 == 0 || i == count)
            {
                await batch.CommitAsync(cancellationToken);
                await batch.DisposeAsync();
                batch = null;
                logger.LogInformation("Generated {Count} of {Total} articles", i, count);
            }
        }
    }

    /// <summary>A week of reads, so Terpopuler has something to show on a new site; fewer for older stories.</summary>
    void SeedReads(List<(Guid Id, double HoursAgo)> stories, DateTimeOffset now)
    {
        var random = new Random(7);
        var thisHour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        foreach (var (id, hoursAgo) in stories.OrderBy(_ => random.Next()).Take(40))
        {
            var popularity = random.Next(5, 120);
            for (var h = 0; h < Math.Min(24 * 7, hoursAgo); h += random.Next(1, 6))
                db.ArticleViews.Add(new Warta.Web.Content.ArticleViewHour { ArticleId = id, Hour = thisHour.AddHours(-h), Views = 1 + random.Next(popularity) / (1 + h / 24) });
        }
    }

    async Task SeedChannelsAsync()
    {
        var order = 0;
        foreach (var (slug, name) in Channels)
            if (!await db.Channels.AnyAsync(c => c.Slug == slug)) db.Channels.Add(new Channel { Slug = slug, Name = name, Order = order++ });
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// The demo's instruments at the levels the demo stories report (IHSG 7.214,35, LQ45 872,4, gold Rp1.522.000 a gram,
    /// the rupiah around Rp16.310 a dollar), with the year-to-date returns the stories give where they give one
    /// (IHSG −0,8 %, equity funds −3,2 %, fixed-income funds +4,6 %) and a typical daily move.
    /// </summary>
    public static readonly (string Symbol, string Label, InstrumentKind Kind, int Decimals, string Unit, decimal Close, decimal? YearToDate, double DailyMove)[] DemoInstruments =
    [
        ("LQ45", "LQ45", InstrumentKind.Index, 2, "poin", 872.40m, null, 0.010),
        ("IHSG", "IHSG", InstrumentKind.Index, 2, "poin", 7214.35m, -0.008m, 0.008),
        ("KOMPAS100", "KOMPAS100", InstrumentKind.Index, 2, "poin", 1148.62m, null, 0.009),
        ("IDX30", "IDX30", InstrumentKind.Index, 2, "poin", 468.05m, null, 0.010),
        ("ISSI", "ISSI", InstrumentKind.Index, 2, "poin", 214.77m, null, 0.008),
        ("EMAS", "EMAS", InstrumentKind.Price, 0, "Rp/gram", 1_522_000m, null, 0.006),
        ("USD/IDR", "USD/IDR", InstrumentKind.Fx, 0, "Rp", 16_310m, null, 0.002),
        ("RD.SAHAM", "RD.SAHAM", InstrumentKind.FundIndex, 2, "poin", 1523.40m, -0.032m, 0.004),
        ("RD.CAMPURAN", "RD.CAMPURAN", InstrumentKind.FundIndex, 2, "poin", 1204.88m, null, 0.003),
        ("RD.PENDAPATAN.TETAP", "RD.PENDAPATAN TETAP", InstrumentKind.FundIndex, 2, "poin", 1710.12m, 0.046m, 0.001),
    ];

    /// <summary>Fixed-date exchange holidays; the moving ones (Idulfitri, Nyepi …) differ each year and are for an admin to add.</summary>
    static readonly (int Month, int Day, string Name)[] FixedHolidays =
    [
        (1, 1, "Tahun Baru Masehi"), (5, 1, "Hari Buruh Internasional"), (6, 1, "Hari Lahir Pancasila"),
        (8, 17, "Hari Kemerdekaan Republik Indonesia"), (12, 25, "Hari Raya Natal"), (12, 31, "Libur bursa akhir tahun"),
    ];

    async Task SeedMarketsAsync(DateTimeOffset now)
    {
        var today = TradingCalendar.WibDay(now);
        foreach (var year in new[] { today.Year - 1, today.Year, today.Year + 1 })
            foreach (var (month, day, name) in FixedHolidays)
            {
                var date = new DateOnly(year, month, day);
                if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) db.MarketHolidays.Add(new MarketHoliday { Day = date, Name = name });
            }

        var order = 0;
        var instruments = new List<Instrument>();
        foreach (var d in DemoInstruments)
        {
            var calendar = Instrument.DefaultCalendar(d.Kind);
            instruments.Add(db.Instruments.Add(new Instrument
            {
                Symbol = d.Symbol, Label = d.Label, Kind = d.Kind, Decimals = d.Decimals, Unit = d.Unit, Order = order++, InTicker = true,
                Display = d.Kind == InstrumentKind.FundIndex ? TickerDisplay.Percent : TickerDisplay.Full,
                Calendar = calendar,
                StaleAfterMinutes = calendar == CalendarKind.Daily ? 1560 : 15,
                // One value a day: a jump is measured against the previous day's (over a weekend too), with a tighter bound.
                JumpHoldPercent = calendar == CalendarKind.Daily ? 10m : 25m,
                JumpWindowMinutes = calendar == CalendarKind.Daily ? 4 * 24 * 60 : 1,
            }).Entity);
        }
        await db.SaveChangesAsync();
        var holidays = await db.MarketHolidays.Select(h => h.Day).ToListAsync();

        // A year of daily closes at 16:00 WIB on each instrument's trading days, then today's session so far; a seeded walk
        // scaled so the latest value is the instrument's typical level, so every run looks alike.
        var random = new Random(45);
        var quotes = new List<QuoteInput>();
        foreach (var (d, instrument) in DemoInstruments.Zip(instruments))
        {
            var calendar = new TradingCalendar(instrument.Calendar, holidays.ToHashSet());
            var walk = new List<(DateTimeOffset At, decimal Value)>();
            var value = d.Close;
            var volatility = d.DailyMove;
            for (var day = today.AddDays(-365); day < today; day = day.AddDays(1))
            {
                if (!calendar.IsTradingDay(day)) continue;
                walk.Add((TradingCalendar.CloseOf(day), value));
                value *= 1 + (decimal)((random.NextDouble() - 0.48) * volatility * 2);
            }
            if (calendar.IsTradingDay(today))
            {
                var sessions = calendar.Sessions(today);
                var step = instrument.Calendar == CalendarKind.Daily ? TimeSpan.FromDays(1) : TimeSpan.FromMinutes(5);
                foreach (var session in sessions)
                {
                    var start = TradingCalendar.WibInstant(today, instrument.Calendar == CalendarKind.Daily ? new TimeOnly(9, 0) : session.From);
                    for (var at = start; at < now.AddMinutes(-1) && TradingCalendar.WibDay(at) == today && (session.To == TimeOnly.MaxValue || at < TradingCalendar.WibInstant(today, session.To)); at += step)
                    {
                        walk.Add((at, value));
                        value *= 1 + (decimal)((random.NextDouble() - 0.5) * volatility * 0.3);
                    }
                }
                if (instrument.Calendar != CalendarKind.Daily && calendar.InSession(now)) walk.Add((now.AddMinutes(-1), value));
            }
            var scale = d.Close / walk[^1].Value;
            var scaled = walk.Select(w => (w.At, Value: w.Value * scale)).ToList();
            if (d.YearToDate is { } ytd)
            {
                // Tilt the walk so the last close of the previous year sits where the stories' year-to-date return puts it.
                var yearStart = TradingCalendar.WibInstant(new DateOnly(today.Year, 1, 1), TimeOnly.MinValue);
                var before = scaled.LastOrDefault(w => w.At < yearStart);
                if (before.Value > 0)
                {
                    var factor = d.Close / (1 + ytd) / before.Value;
                    var span = (double)(scaled[^1].At - before.At).Ticks;
                    scaled = scaled.Select(w => (w.At, Value: w.Value * (w.At <= before.At ? factor
                        : factor + (1 - factor) * (decimal)((w.At - before.At).Ticks / span)))).ToList();
                }
            }
            quotes.AddRange(scaled.Select(w => new QuoteInput { Symbol = d.Symbol, At = w.At, Value = Math.Round(w.Value, d.Decimals) }));
        }
        var ingest = services.GetRequiredService<QuoteIngest>();
        foreach (var batch in quotes.Chunk(QuoteImport.BatchSize))
        {
            var report = await ingest.IngestAsync(batch, CancellationToken.None);
            if (!report.Succeeded) throw new InvalidOperationException("Demo quotes were refused: " + string.Join("; ", report.Describe(r => $"[{r}]")));
        }
    }

    async Task SeedCoursesAsync(DateTimeOffset now)
    {
        var day = Indonesian.StartOfWibDay(now);
        CourseInput[] courses =
        [
            new()
            {
                Title = "Membaca Laporan Keuangan Emiten untuk Investor Pemula",
                Price = 750_000m, Seats = 40, Hashtags = ["BisnisJangkaPanjang", "LaporanKeuangan"],
                Summary = "Satu hari belajar membaca neraca, laba rugi dan arus kas, lengkap dengan latihan memakai laporan tahunan emiten fiktif.",
                Description = "<p>Kelas tatap muka untuk investor yang baru mulai membaca laporan tahunan.</p><ul><li>Neraca: aset, liabilitas dan ekuitas</li><li>Laba rugi dan kualitas laba</li><li>Arus kas operasi, investasi dan pendanaan</li></ul><p>Peserta membawa laptop; bahan latihan dibagikan di kelas.</p>",
                Instructors = [new() { Name = "Rina Hartono, CFA", Bio = "Analis ekuitas, 12 tahun meliput emiten perbankan" }],
                Sessions =
                [
                    new() { Title = "Neraca dan laba rugi", StartsAt = day.AddDays(9).AddHours(9), EndsAt = day.AddDays(9).AddHours(12), Venue = "Ruang Redaksi Warta, Jl. Sudirman 10, Jakarta" },
                    new() { Title = "Arus kas dan latihan", StartsAt = day.AddDays(9).AddHours(13), EndsAt = day.AddDays(9).AddHours(15), Venue = "Ruang Redaksi Warta, Jl. Sudirman 10, Jakarta" },
                ],
            },
            new()
            {
                Title = "Strategi Reksa Dana: Menyusun Portofolio Keluarga",
                Price = 450_000m, Seats = 60, Hashtags = ["ReksaDana", "InvestasiKeluarga"],
                Summary = "Mengenal reksa dana saham, campuran dan pendapatan tetap, lalu menyusun alokasi sesuai tujuan keuangan keluarga.",
                Description = "<p>Kelas daring: tautan Zoom dikirim ke peserta yang terdaftar.</p><p>Dari tujuan keuangan ke alokasi: dana darurat, pendidikan anak dan pensiun.</p>",
                Instructors = [new() { Name = "Bayu Prasetyo", Bio = "Perencana keuangan bersertifikat" }, new() { Name = "Dewi Lestari", Bio = "Redaktur keuangan keluarga Warta" }],
                Sessions = [new() { StartsAt = day.AddDays(16).AddHours(13), EndsAt = day.AddDays(16).AddHours(17), OnlineUrl = "https://zoom.us/j/0000000000" }],
            },
            new()
            {
                Title = "Analisis Teknikal Saham: Dari Candlestick ke Manajemen Risiko",
                Price = 1_250_000m, Seats = 30, Hashtags = ["AnalisisTeknikal", "TradingCerdas", "BisnisJangkaPanjang"],
                Summary = "Dua hari praktik membaca grafik, menentukan titik masuk dan keluar, serta membatasi kerugian.",
                Description = "<p>Dua hari praktik dengan data perdagangan nyata.</p><ol><li>Candlestick, tren dan volume</li><li>Titik masuk, titik keluar dan ukuran posisi</li></ol>",
                Instructors = [new() { Name = "Hendra Wijaya", Bio = "Pedagang efek dan pengajar analisis teknikal" }],
                Sessions =
                [
                    new() { Title = "Hari 1: membaca grafik", StartsAt = day.AddDays(23).AddHours(9), EndsAt = day.AddDays(23).AddHours(15), Venue = "Hotel Mulia, Ruang Nusantara, Jakarta" },
                    new() { Title = "Hari 2: manajemen risiko", StartsAt = day.AddDays(24).AddHours(9), EndsAt = day.AddDays(24).AddHours(15), Venue = "Hotel Mulia, Ruang Nusantara, Jakarta" },
                ],
            },
        ];
        foreach (var course in courses)
        {
            var (created, errors) = await services.GetRequiredService<CourseWriter>().CreateAsync(course);
            if (created is null) throw new InvalidOperationException($"A demo course was refused: {errors}");
        }
    }

    /// <summary>The two premium plans the subscription banner points at.</summary>
    async Task SeedPlansAsync()
    {
        Members.PlanInput[] plans =
        [
            new()
            {
                Slug = "premium-bulanan", Name = "Premium Bulanan", Period = "Monthly", Price = "49000", TrialDays = "7", SortOrder = "1",
                Description = "Semua artikel premium, analisis pasar harian dan riset emiten, dibayar bulan demi bulan. Tujuh hari pertama gratis bagi pelanggan baru.",
            },
            new()
            {
                Slug = "premium-tahunan", Name = "Premium Tahunan", Period = "Yearly", Price = "490000", TrialDays = "0", SortOrder = "2",
                Description = "Akses premium setahun penuh dengan harga sepuluh bulan: cocok untuk investor yang mengikuti pasar setiap hari.",
            },
        ];
        var writer = services.GetRequiredService<Members.PlanWriter>();
        foreach (var plan in plans)
        {
            var (created, errors) = await writer.CreatePlanAsync(plan, null);
            if (created is null) throw new InvalidOperationException($"A demo plan was refused: {errors}");
        }
    }

    async Task SeedPromosAsync(DateTimeOffset now)
    {
        var html = services.GetRequiredService<StaffHtml>();
        var brand = System.Net.WebUtility.HtmlEncode(services.GetRequiredService<Warta.Web.Shared.SiteOptions>().Brand);
        db.Promos.Add(new Warta.Web.Promos.Promo
        {
            Slot = "top", Version = 1, Dismissible = true, Url = "/langganan",
            Html = html.Clean("<strong>Langganan " + brand + " Premium</strong> — akses semua analisis pasar mulai Rp 49.000 per bulan. <span class=\"promo-cta\">Langganan</span>"),
            StartsAt = now.AddDays(-1), EndsAt = now.AddDays(60),
        });
        db.Promos.Add(new Warta.Web.Promos.Promo
        {
            Slot = "popup", Version = 1, Dismissible = true, FrequencyHours = 24, Url = Academy.AcademyRoutes.Courses,
            Html = html.Clean("<p class=\"promo-title\"><strong>Academy " + brand + "</strong></p><p>Kelas membaca laporan keuangan bersama redaksi. Kursi terbatas!</p><p><span class=\"promo-cta\">Daftar sekarang</span></p>"),
            StartsAt = now.AddDays(-1), EndsAt = now.AddDays(60),
        });
        await db.SaveChangesAsync();
    }
}
