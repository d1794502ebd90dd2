#pragma once

#include "widgets/lessons/Lesson.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTextBrowser;

namespace reciprocal::widgets {

// The open lesson's steps, one at a time, with Back and Next; "End lesson" gives the window back
// its hidden controls.
class LessonPanel : public QWidget {
    Q_OBJECT

public:
    explicit LessonPanel(QWidget* parent = nullptr);

    void showLesson(const Lesson& lesson);
    int step() const { return m_step; }
    void showStep(int step);

Q_SIGNALS:
    void endRequested();

private:
    Lesson m_lesson;
    int m_step = 0;
    QLabel* m_title;
    QLabel* m_counter;
    QTextBrowser* m_text;
    QPushButton* m_back;
    QPushButton* m_next;
};

} // namespace reciprocal::widgets
