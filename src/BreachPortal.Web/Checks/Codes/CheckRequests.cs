using System.Threading.Channels;
using BreachPortal.Web.Checks.Abuse;
using Microsoft.Extensions.Options;

namespace BreachPortal.Web.Checks.Codes;

/// <summary>
/// Where <c>POST /check</c> leaves its request. The page answers without waiting: whether the contact is known is
/// looked up afterwards, by <see cref="CheckRequestWorker"/>, so the response is the same work, and the same time,
/// for everyone.
/// </summary>
public sealed class CheckRequests(IOptions<CheckOptions> options, AbuseCounters counters)
{
    private readonly Channel<CheckRequest> _channel = Channel.CreateBounded<CheckRequest>(
        new BoundedChannelOptions(options.Value.QueueCapacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    private long _queued;

    public ChannelReader<CheckRequest> Reader => _channel.Reader;

    /// <summary>Requests queued since start: lets a test see that a refused input queued nothing, whatever the worker is doing.</summary>
    public long Queued => Interlocked.Read(ref _queued);

    /// <summary>Never waits; a full queue drops the request, counted as <see cref="AbuseCounters.QueueFull"/>.</summary>
    public void Enqueue(CheckRequest request)
    {
        if (_channel.Writer.TryWrite(request))
        {
            Interlocked.Increment(ref _queued);
        }
        else
        {
            counters.Hit(AbuseCounters.QueueFull);
        }
    }
}
