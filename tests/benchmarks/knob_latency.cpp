// SPDX-License-Identifier: MIT
// How long a knob takes to answer: the assembled window (offscreen) trains a session, selects a
// hidden node and sets its λ_out through the knob panel's spin box N times; each latency runs from
// the edit to the snapshot that holds the new value reaching the window, which then draws it. The
// worker applies the edit, measures the whole test set and builds the snapshot (with the playground's
// plane for 2-D data) in that time. Not part of the test suite (it trains Fashion-MNIST).
//
//   knob_latency [circles|fashion-mnist] [edits]   prints min / median / max in ms
#include "widgets/MainWindow.h"
#include "widgets/knobs/KnobPanel.h"
#include "widgets/setup/SetupPanel.h"

#include <QApplication>
#include <QDoubleSpinBox>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace reciprocal;
using namespace reciprocal::widgets;

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication application(argc, argv);
    const QString dataset = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("circles");
    const int edits = argc > 2 ? std::max(1, std::atoi(argv[2])) : 50;
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    SessionSettings settings;
    settings.dataset.name = dataset.toStdString();
    settings.epochs = 1;
    if (dataset == QStringLiteral("circles")) { // the teaching preset's network
        settings.architecture = Architecture{{2, 16, 16, 2}, LayerKind::Spectral2, Activation::Tanh, true};
        settings.training.batchSize = 20;
        window.showView(QStringLiteral("playground"));
    } else {
        settings.architecture = Architecture{{784, 100, 10}, LayerKind::Spectral2, Activation::Tanh, false};
    }
    window.startSession(settings);
    const auto waitFor = [&](auto done) {
        while (!done())
            QApplication::processEvents(QEventLoop::AllEvents, 5);
    };
    waitFor([&] { return window.controller().latestSnapshot()->state == SessionState::Ready; });
    window.controller().send(&TrainingWorker::play);
    waitFor([&] { return window.controller().latestSnapshot()->state == SessionState::Finished; });

    KnobPanel& knobs = window.knobPanel();
    knobs.selectNode(NodeRef{1, 3});
    QDoubleSpinBox* lamOut = knobs.knobs().front().spinBox;
    std::vector<double> milliseconds;
    for (int i = 0; i < edits; ++i) {
        QElapsedTimer timer;
        timer.start();
        lamOut->setValue(0.5 + 0.01 * (i % 50));
        const auto value = static_cast<float>(lamOut->value()); // as the spin box rounded it
        waitFor([&] {
            const auto& snapshot = *window.controller().latestSnapshot();
            return snapshot.transfers[0].lamOut(3) == value && !std::isnan(snapshot.testAccuracy);
        });
        QApplication::processEvents(); // the window draws the snapshot
        milliseconds.push_back(static_cast<double>(timer.nsecsElapsed()) * 1e-6);
    }
    std::sort(milliseconds.begin(), milliseconds.end());
    std::printf("%s %s: %d knob edits, min %.1f ms, median %.1f ms, max %.1f ms\n", dataset.toUtf8().constData(),
                settings.architecture.widthsText().c_str(), edits, milliseconds.front(),
                milliseconds[milliseconds.size() / 2], milliseconds.back());
    return 0;
}
