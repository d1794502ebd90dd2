#include "widgets/lessons/LessonPanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>

namespace reciprocal::widgets {

LessonPanel::LessonPanel(QWidget* parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_counter(new QLabel(this))
    , m_text(new QTextBrowser(this))
    , m_back(new QPushButton(tr("Back"), this))
    , m_next(new QPushButton(tr("Next"), this))
{
    m_title->setWordWrap(true);
    m_text->setFrameShape(QFrame::NoFrame);
    m_text->setOpenExternalLinks(true);
    m_counter->setForegroundRole(QPalette::PlaceholderText);
    auto* end = new QPushButton(tr("End lesson"), this);
    // As narrow as their words: the style's minimum button width made the panel wider than the
    // right dock leaves on a 1024-pixel screen.
    for (QPushButton* button : {m_back, m_next, end})
        button->setMinimumWidth(button->fontMetrics().horizontalAdvance(button->text()) +
                                2 * button->style()->pixelMetric(QStyle::PM_ButtonMargin));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_back);
    buttons->addWidget(m_next);
    buttons->addStretch(1);
    buttons->addWidget(end);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_counter);
    layout->addWidget(m_text, 1);
    layout->addLayout(buttons);
    connect(m_back, &QPushButton::clicked, this, [this] { showStep(m_step - 1); });
    connect(m_next, &QPushButton::clicked, this, [this] { showStep(m_step + 1); });
    connect(end, &QPushButton::clicked, this, &LessonPanel::endRequested);
}

void LessonPanel::showLesson(const Lesson& lesson)
{
    m_lesson = lesson;
    m_title->setText(QStringLiteral("<b>%1</b>").arg(QString::fromStdString(lesson.title).toHtmlEscaped()));
    m_title->setToolTip(QString::fromStdString(lesson.summary));
    showStep(0);
}

void LessonPanel::showStep(int step)
{
    const int count = static_cast<int>(m_lesson.steps.size());
    m_step = std::clamp(step, 0, std::max(0, count - 1));
    m_counter->setText(tr("Step %1 of %2").arg(m_step + 1).arg(count));
    m_text->setHtml(count ? QString::fromStdString(m_lesson.steps[static_cast<std::size_t>(m_step)]) : QString());
    m_back->setEnabled(m_step > 0);
    m_next->setEnabled(m_step + 1 < count);
}

} // namespace reciprocal::widgets
