import type { Messages } from "./en.js";

/** Russian plural form of `n`: "1 услуга", "2 услуги", "5 услуг". */
function plural(n: number, one: string, few: string, many: string): string {
  const form = new Intl.PluralRules("ru").select(n);
  return form === "one" ? one : form === "few" ? few : many;
}

export const ru: Messages = {
  common: {
    loading: "Загрузка…",
    retry: "Повторить",
    yes: "Да",
    no: "Нет",
  },
  login: {
    title: "Вход в личный кабинет",
    email: "Электронная почта",
    password: "Пароль",
    submit: "Войти",
    submitting: "Входим…",
    signedInAs: (name) => `Вы вошли как ${name}`,
    account: (name) => `Аккаунт: ${name}`,
    signOut: "Выйти",
    signingOut: "Выходим…",
    sessionExpired: "Сеанс завершён. Войдите снова.",
  },
  services: {
    title: "Ваши услуги",
    signedOut: "Войдите, чтобы увидеть свои услуги.",
    filter: "Статус",
    allStatuses: "Все статусы",
    empty: "У вас пока нет услуг.",
    emptyFiltered: "Нет услуг с таким статусом.",
    loadMore: "Показать ещё",
    loadingMore: "Загружаем…",
    shown: (count) => plural(count, `Показана ${count} услуга`, `Показаны ${count} услуги`, `Показано ${count} услуг`),
    status: {
      pending_payment: "Ожидает оплаты",
      provisioning: "Создаётся",
      provisioning_failed: "Ошибка создания",
      active: "Активна",
      suspended: "Приостановлена",
      cancelled: "Отменена",
      deleted: "Удалена",
    },
    price: (price, months) => (months === 1 ? `${price} / мес.` : months === 12 ? `${price} / год` : `${price} / ${months} мес.`),
    paidUntil: (date) => `Оплачено до ${date}`,
    expiredOn: (date) => `Истекла ${date}`,
    notPaidYet: "Ещё не оплачена",
    autoRenewOn: "Автопродление включено",
    autoRenewOff: "Автопродление выключено",
    parameters: "Параметры",
    parameter: {
      cpu: "Процессор",
      ram: "Память",
      disk: "Диск",
      os: "Образ ОС",
      backups: "Резервные копии",
      dc: "Дата-центр",
    },
    unit: {
      cpu: "vCPU",
      ram: "ГБ",
      disk: "ГБ",
    },
  },
  errors: {
    CAB_ERR_INVALID_CREDENTIALS: "Неверный адрес электронной почты или пароль.",
    CAB_ERR_RATE_LIMITED: "Слишком много попыток. Попробуйте позже.",
    CAB_ERR_VALIDATION: "Некоторые данные указаны неверно. Проверьте их и попробуйте снова.",
    CAB_ERR_UNAUTHENTICATED: "Войдите, чтобы продолжить.",
    CAB_ERR_FORBIDDEN: "У вас нет прав на это действие.",
    CAB_ERR_CSRF: "Сеанс нужно обновить. Перезагрузите страницу и попробуйте снова.",
    CAB_ERR_ORIGIN_NOT_ALLOWED: "Этому сайту не разрешено работать с личным кабинетом.",
    CAB_ERR_BRAND_UNKNOWN: "Личный кабинет на этом сайте настроен неверно.",
    CAB_ERR_INTERNAL: "Что-то пошло не так на нашей стороне. Попробуйте позже.",
    CAB_ERR_UNAVAILABLE: "Сервис временно недоступен. Попробуйте позже.",
    CAB_ERR_NETWORK: "Сервер недоступен. Проверьте подключение и попробуйте снова.",
    CAB_ERR_BAD_RESPONSE: "Сервер ответил неожиданно. Попробуйте позже.",
  },
  retryInMinutes: (minutes) => `Слишком много попыток. Попробуйте через ${minutes} мин.`,
};
