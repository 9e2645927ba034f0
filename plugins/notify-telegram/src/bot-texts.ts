/** What the bot says, in the languages the plugin speaks; anything else gets English. */
const texts = {
  en: {
    linked: "Done: notifications from your account will arrive here. Reply to a ticket's notification to answer on the ticket.",
    badCode: "This link is no longer valid. Open the notification settings in your account and bind Telegram again.",
    howToLink: "To get notifications here, open the notification settings in your account and choose “Bind Telegram”.",
    replyHint: "Reply to this message to answer on the ticket.",
    replyAdded: "Your reply was added to the ticket.",
    replyRefused: (reason: string) => `Your reply was not added to the ticket: ${reason}`,
    replyUnavailable: "Replies from Telegram are not available right now. Please answer in your account.",
    textOnly: "Only a text reply can be added to the ticket. Please send files from your account.",
  },
  ru: {
    linked: "Готово: уведомления из личного кабинета будут приходить сюда. Чтобы ответить в заявке, ответьте на её уведомление.",
    badCode: "Эта ссылка больше не действует. Откройте настройки уведомлений в личном кабинете и привяжите Telegram заново.",
    howToLink: "Чтобы получать уведомления здесь, откройте настройки уведомлений в личном кабинете и выберите «Привязать Telegram».",
    replyHint: "Ответьте на это сообщение, чтобы ответить в заявке.",
    replyAdded: "Ваш ответ добавлен в заявку.",
    replyRefused: (reason: string) => `Ваш ответ не добавлен в заявку: ${reason}`,
    replyUnavailable: "Ответы из Telegram сейчас недоступны. Пожалуйста, ответьте в личном кабинете.",
    textOnly: "В заявку можно добавить только текст. Файлы отправьте из личного кабинета.",
  },
};

export type BotTexts = (typeof texts)["en"];

export function botTexts(locale: string | undefined): BotTexts {
  return (locale ?? "").toLowerCase().startsWith("ru") ? texts.ru : texts.en;
}
