using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace BreachPortal.Tests.Infrastructure;

/// <summary>
/// A real SMTP server on 127.0.0.1: aiosmtpd (Debian package python3-aiosmtpd) run by Debian's /usr/bin/python3 with
/// aiosmtpd_server.py. Keeps each message's raw bytes and what Python's email package parses out of them, optionally
/// with STARTTLS and AUTH. It does not announce PIPELINING.
/// </summary>
public sealed class AiosmtpdServer : IAsyncDisposable
{
    public const string Python = "/usr/bin/python3";

    private readonly Process _process;
    private readonly string _directory;
    private readonly StringBuilder _errors = new();

    private AiosmtpdServer(Process process, string directory)
    {
        _process = process;
        _directory = directory;
    }

    public int Port { get; private set; }

    /// <summary>What the server accepted, oldest first.</summary>
    public IReadOnlyList<AiosmtpdMessage> Messages =>
        [.. Directory.EnumerateFiles(_directory, "*.json").Order(StringComparer.Ordinal).Select(AiosmtpdMessage.Load)];

    public static async Task<AiosmtpdServer> StartAsync(AiosmtpdSettings? settings = null, CancellationToken cancellationToken = default)
    {
        settings ??= new AiosmtpdSettings();
        var directory = Directory.CreateTempSubdirectory("bp-aiosmtpd-").FullName;
        var arguments = new List<string> { RepositoryRoot.Combine("tests", "BreachPortal.Tests", "Infrastructure", "aiosmtpd_server.py"), "--dir", directory };
        if (settings.Certificate is { } certificate)
        {
            var certificateFile = Path.Combine(directory, "server.crt");
            var keyFile = Path.Combine(directory, "server.key");
            await File.WriteAllTextAsync(certificateFile, certificate.ExportCertificatePem(), cancellationToken);
            await File.WriteAllTextAsync(keyFile, certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem(), cancellationToken);
            arguments.AddRange(["--cert", certificateFile, "--key", keyFile]);
        }

        if (settings.UserName is not null)
        {
            arguments.AddRange(["--user", settings.UserName, "--password", settings.Password ?? ""]);
        }

        if (settings.RequireStartTls)
        {
            arguments.Add("--require-starttls");
        }

        if (settings.AuthWithoutTls)
        {
            arguments.Add("--auth-without-tls");
        }

        var process = new Process { StartInfo = ProcessRunner.StartInfo(Python, arguments, directory) };
        var server = new AiosmtpdServer(process, directory);
        var ready = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith("READY ", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult(int.Parse(e.Data["READY ".Length..], System.Globalization.CultureInfo.InvariantCulture));
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (server._errors)
            {
                server._errors.AppendLine(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            server.Port = await ready.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
            return server;
        }
        catch (TimeoutException)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException($"aiosmtpd did not start (is python3-aiosmtpd installed?): {server._errors}");
        }
    }

    /// <summary>A self-signed certificate for 127.0.0.1 and localhost, for <see cref="AiosmtpdSettings.Certificate"/>.</summary>
    public static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
    }

    /// <summary>
    /// Stops the server, then fails if Python's email package (policy <c>default</c>) found a defect in any message it
    /// received: every test that sends through aiosmtpd checks that what the portal writes is well-formed MIME.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        var defective = Messages.Where(m => m.Defects.Count > 0).Select(m => string.Join(", ", m.Defects)).ToList();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
        if (defective.Count > 0)
        {
            throw new InvalidOperationException($"Python's email package found defects in {defective.Count} message(s) aiosmtpd received: {string.Join("; ", defective)}");
        }
    }
}

public sealed record AiosmtpdSettings
{
    /// <summary>Offer STARTTLS with this certificate (it must carry its private key), see <see cref="AiosmtpdServer.CreateCertificate"/>.</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>Require AUTH with this user and <see cref="Password"/> (only after STARTTLS unless <see cref="AuthWithoutTls"/>).</summary>
    public string? UserName { get; init; }

    public string? Password { get; init; }

    /// <summary>Refuse MAIL before STARTTLS.</summary>
    public bool RequireStartTls { get; init; }

    public bool AuthWithoutTls { get; init; }
}

/// <summary>One message aiosmtpd accepted: the raw bytes, the envelope, and what Python's email package read from it.</summary>
public sealed record AiosmtpdMessage(byte[] Raw, JsonElement Parsed)
{
    /// <summary>The raw message, decoded as the ASCII it should be.</summary>
    public string RawText => Encoding.Latin1.GetString(Raw);

    public string MailFrom => Parsed.GetProperty("mail_from").GetString()!;

    public IReadOnlyList<string> Recipients => [.. Parsed.GetProperty("rcpt_tos").EnumerateArray().Select(e => e.GetString()!)];

    public bool OverTls => Parsed.GetProperty("tls").GetBoolean();

    public string? AuthenticatedUser => Parsed.GetProperty("auth_user").GetString();

    public string ContentType => Parsed.GetProperty("content_type").GetString()!;

    /// <summary>The Subject as Python decodes it (encoded-words decoded, folding removed).</summary>
    public string Subject => Parsed.GetProperty("subject").GetString()!;

    /// <summary>The decoded text/plain part, with line breaks as LF.</summary>
    public string? Text => Normalize(Parsed.GetProperty("text").GetString());

    /// <summary>The decoded text/html part, with line breaks as LF.</summary>
    public string? Html => Normalize(Parsed.GetProperty("html").GetString());

    /// <summary>Every header, decoded, in order.</summary>
    public IReadOnlyList<(string Name, string Value)> Headers =>
        [.. Parsed.GetProperty("headers").EnumerateArray().Select(h => (h[0].GetString()!, h[1].GetString()!))];

    /// <summary>The one header of that name, which is case-insensitive (MimeKit writes <c>Message-Id</c>).</summary>
    public string Header(string name) => Headers.Single(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>What Python's parser found wrong with the message; empty for a well-formed one.</summary>
    public IReadOnlyList<string> Defects => [.. Parsed.GetProperty("defects").EnumerateArray().Select(e => e.GetString()!)];

    public static AiosmtpdMessage Load(string jsonFile)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(jsonFile));
        return new AiosmtpdMessage(File.ReadAllBytes(Path.ChangeExtension(jsonFile, ".eml")), document.RootElement.Clone());
    }

    private static string? Normalize(string? text) => text?.Replace("\r\n", "\n", StringComparison.Ordinal);
}
