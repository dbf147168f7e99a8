using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Warta.Fakes;

namespace Warta.BrowserTests;

/// <summary>
/// One real Warta (Kestrel on a loopback port, a fresh SQLite data folder seeded with the demo content) with its outside
/// world on loopback too: a mail server that keeps what Warta sends (<see cref="Mail"/>) and a payment gateway speaking
/// Midtrans' protocol (<see cref="Payments"/>). One headless system Chromium, shared by every browser test.
/// </summary>
public sealed class WartaSite : IAsyncLifetime
{
    static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(120);

    readonly string dataPath = Path.Combine(Path.GetTempPath(), "warta-browser-" + Guid.NewGuid().ToString("N"));
    readonly StringBuilder output = new();
    Process? server;
    IPlaywright? playwright;

    HttpClient? notifier;

    public Uri BaseUrl { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The mailbox of every address Warta writes to: sign-up confirmations, receipts, course confirmations.</summary>
    public SmtpReceiver Mail { get; } = new();

    /// <summary>The payment gateway readers pay through: its page has "Bayar" and "Batal", and it notifies Warta as Midtrans does.</summary>
    public FakeMidtrans Payments { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(dataPath);
        var port = FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{port}");
        Payments = await FakeMidtrans.StartAsync();
        notifier = new HttpClient { BaseAddress = BaseUrl };
        Payments.NotifyThrough(notifier);
        StartServer();
        await WaitUntilHealthyAsync();

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        if (server is { } p)
        {
            try
            {
                if (!p.HasExited)
                {
                    p.Kill(entireProcessTree: true);
                    await p.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            catch (OperationCanceledException)
            {
                // Killed but slow to report; the temp folder is removed below anyway.
            }
            p.Dispose();
        }
        if (Payments is not null) await Payments.DisposeAsync();
        notifier?.Dispose();
        await Mail.DisposeAsync();
        try
        {
            Directory.Delete(dataPath, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by an exiting process; the folder is under the temp path.
        }
    }

    /// <summary>
    /// A phone: 390×844 CSS pixels at 3×, touch, a phone browser's user agent. Unless a test is about the popup, the
    /// reader has already seen today's popup: it appears after a few seconds and, on a loaded machine, could otherwise
    /// take a tap meant for the story.
    /// </summary>
    public async Task<IBrowserContext> NewPhoneContextAsync(bool javaScript = true, bool popupAlreadySeen = true, int width = 390, string timezoneId = "Asia/Jakarta")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = 844 },
            DeviceScaleFactor = 3,
            IsMobile = true,
            HasTouch = true,
            UserAgent = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
            Locale = "id-ID",
            TimezoneId = timezoneId,
            JavaScriptEnabled = javaScript,
        });
        if (popupAlreadySeen && await PopupVersionAsync() is { } version)
            await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "warta_promo_popup", Value = version, Url = BaseUrl.ToString() }]);
        return Generous(context);
    }

    /// <summary>
    /// Waits that should succeed get a minute, not Playwright's 30 seconds: a page that comes is what these tests check,
    /// not how fast it comes on a 2-core machine busy with other work (speed is measured in bench/).
    /// </summary>
    static IBrowserContext Generous(IBrowserContext context)
    {
        context.SetDefaultTimeout(60_000);
        return context;
    }

    /// <summary>A laptop (1366×768) or, with <paramref name="tablet"/>, a tablet in portrait (820×1180, touch), as newsroom staff use.</summary>
    public async Task<IBrowserContext> NewStaffContextAsync(bool tablet = false) => Generous(await Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = BaseUrl.ToString(),
        ViewportSize = tablet ? new ViewportSize { Width = 820, Height = 1180 } : new ViewportSize { Width = 1366, Height = 768 },
        HasTouch = tablet,
        Locale = "id-ID",
        TimezoneId = "Asia/Jakarta",
    }));

    /// <summary>Adds a staff account with the <c>users add</c> verb, as an admin would from the command line; returns its email and password.</summary>
    public async Task<(string Email, string Password)> AddStaffAsync(string role, string name)
    {
        var email = $"{role}-{Guid.NewGuid():N}@warta.test";
        const string password = "kata-sandi-panjang-sekali";
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "Warta.dll"), "users", "add", "--email", email, "--name", name, "--role", role, "--password", password })
            start.ArgumentList.Add(a);
        start.Environment["Warta__DataPath"] = dataPath;
        start.Environment["Warta__Demo__SeedOnEmpty"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);
        if (process.ExitCode != 0) throw new InvalidOperationException($"users add failed: {await error}");
        return (email, password);
    }

    /// <summary>Signs in through the newsroom's sign-in page.</summary>
    public static async Task SignInAsync(IPage page, (string Email, string Password) account)
    {
        await page.GotoAsync("/redaksi/masuk");
        await page.Locator("input[name=Email]").FillAsync(account.Email);
        await page.Locator("input[name=Password]").FillAsync(account.Password);
        await page.Locator("form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/redaksi");
    }

    /// <summary>Adds a reader with a confirmed email through the <c>members add</c> verb, as the newsroom adds partners; returns the password.</summary>
    public async Task<string> AddReaderAsync(string email, string name)
    {
        const string password = "sandi-pembaca-yang-panjang";
        await RunVerbAsync("members", "add", "--email", email, "--name", name, "--password", password);
        return password;
    }

    /// <summary>Fills and sends the reader sign-in form (<c>/akun/masuk</c>) the page is on.</summary>
    public static async Task SignInReaderAsync(IPage page, string email, string password)
    {
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Kata sandi").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk", Exact = true }).ClickAsync();
    }

    /// <summary>The first link to <paramref name="path"/> in the latest mail to <paramref name="email"/> whose subject starts with <paramref name="subject"/>.</summary>
    public async Task<string> MailedLinkAsync(string email, string subject, string path) =>
        SmtpReceiver.LinkIn(await Mail.WaitForAsync(email, m => (m.Subject ?? "").StartsWith(subject, StringComparison.Ordinal)), path);

    async Task<string?> PopupVersionAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseUrl };
        var home = await http.GetStringAsync("/");
        var popup = Regex.Match(home, "<[^>]*id=\"promo-popup\"[^>]*>");
        var version = Regex.Match(popup.Value, "data-version=\"([^\"]+)\"");
        return version.Success ? System.Net.WebUtility.HtmlDecode(version.Groups[1].Value) : null;
    }

    public string ServerOutput
    {
        get
        {
            lock (output) return output.ToString();
        }
    }

    /// <summary>Runs a command-line verb of the same program against this site's data folder; answers its standard output.</summary>
    public async Task<string> RunVerbAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Warta.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Warta__DataPath"] = dataPath;
        start.Environment["Warta__Redis"] = "";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"warta {string.Join(' ', args)} exited with {process.ExitCode}: {await stderr}");
        return await stdout;
    }

    void StartServer()
    {
        var folder = AppContext.BaseDirectory;
        var dll = Path.Combine(folder, "Warta.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("Warta.dll is not in the test output folder; build the test project.", dll);

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseUrl.ToString().TrimEnd('/'));
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(folder);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Warta__DataPath"] = dataPath;
        start.Environment["Warta__Demo__SeedOnEmpty"] = "true";
        start.Environment["Warta__Redis"] = "";
        // Several newsroom tests sign in from this one loopback address within a minute.
        start.Environment["Warta__Staff__LoginAttemptsPerMinute"] = "200";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in Mail.Settings.Concat(Payments.WartaSettings))
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        // A paid course's confirmation is mailed by the Academy's upkeep pass; every second, so a test need not wait a minute.
        start.Environment["Warta__Academy__UpkeepSeconds"] = "1";

        server = new Process { StartInfo = start, EnableRaisingEvents = true };
        server.OutputDataReceived += (_, e) => Append(e.Data);
        server.ErrorDataReceived += (_, e) => Append(e.Data);
        server.Start();
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
    }

    void Append(string? line)
    {
        if (line is null) return;
        lock (output)
        {
            // Enough to explain a failed start; a long run's logs are not kept.
            if (output.Length < 200_000) output.AppendLine(line);
        }
    }

    async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var health = new Uri(BaseUrl, "/healthz");
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartupLimit)
        {
            if (server!.HasExited)
                throw new InvalidOperationException($"Warta exited with code {server.ExitCode} before it was ready:\n{ServerOutput}");
            try
            {
                using var response = await http.GetAsync(health);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy migrating and seeding.
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"Warta did not answer /healthz within {StartupLimit.TotalSeconds} s:\n{ServerOutput}");
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class WartaSiteCollection : ICollectionFixture<WartaSite>
{
    public const string Name = "Warta site";
}
