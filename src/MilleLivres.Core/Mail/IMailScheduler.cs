namespace MilleLivres.Core.Mail;

/// <summary>Runs the sender in the background (Hangfire in the web app). Call after the outbox rows are committed.</summary>
public interface IMailScheduler
{
    void SendSoon();

    void SendAt(DateTime utc);
}
